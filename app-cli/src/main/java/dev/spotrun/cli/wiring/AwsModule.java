package dev.spotrun.cli.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.spotrun.aws.AwsAdapters;
import dev.spotrun.aws.BootScript;
import dev.spotrun.domain.port.Sleeper;
import java.time.Clock;

/**
 * Every EC2-compatible cloud, AWS and the local cloud alike: EC2 and ECR through the SDK, pointed at the
 * {@link AwsTarget}, and the machines' Docker engines over mutual TLS. Nothing is built until the first port
 * is asked for.
 */
public final class AwsModule extends AbstractModule {

    private final AwsTarget target;
    private final Closer closer;

    AwsModule(AwsTarget target, Closer closer) {
        this.target = target;
        this.closer = closer;
    }

    @Override
    protected void configure() {
        install(new AdapterPortsModule());
    }

    @Provides
    @Singleton
    AwsAdapters adapters(Clock clock, Sleeper sleeper) {
        return closer.register(target.adapters().bootScript(BootScript::render).clock(clock).sleeper(sleeper).build());
    }
}
