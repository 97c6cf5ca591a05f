package dev.spotrun.cli.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.spotrun.aws.AwsAdapters;
import dev.spotrun.aws.BootScript;
import dev.spotrun.domain.port.Sleeper;
import dev.spotrun.testkit.localcloud.LocalCloud;
import java.time.Clock;

/**
 * The local cloud: the same AWS adapters and Docker engines as {@link AwsModule}, pointed at a local cloud
 * that was started before (a module does no I/O): its endpoint, region and registry, any credentials, and the
 * engine port opened to loopback.
 */
public final class LocalCloudModule extends AbstractModule {

    private final LocalCloud cloud;
    private final Closer closer;

    LocalCloudModule(LocalCloud cloud, Closer closer) {
        this.cloud = cloud;
        this.closer = closer;
    }

    @Override
    protected void configure() {
        install(new AdapterPortsModule());
    }

    @Provides
    @Singleton
    AwsAdapters adapters(Clock clock, Sleeper sleeper) {
        return closer.register(cloud.awsAdapters().bootScript(BootScript::render).clock(clock).sleeper(sleeper)
                .build());
    }
}
