package dev.spotrun.cli.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.spotrun.aws.AwsAdapters;
import dev.spotrun.aws.BootScript;
import dev.spotrun.cli.config.CloudSettings;
import dev.spotrun.domain.port.Sleeper;
import java.time.Clock;

/**
 * AWS: EC2 and ECR through the SDK's own chains (credentials, {@code AWS_PROFILE}, {@code AWS_REGION},
 * {@code AWS_ENDPOINT_URL}), overridden only by {@code --region} and {@code --profile}; the machines' Docker
 * engines over mutual TLS. Nothing is built until the first port is asked for.
 */
public final class AwsModule extends AbstractModule {

    private final CloudSettings settings;
    private final Closer closer;

    AwsModule(CloudSettings settings, Closer closer) {
        this.settings = settings;
        this.closer = closer;
    }

    @Override
    protected void configure() {
        install(new AdapterPortsModule());
    }

    @Provides
    @Singleton
    AwsAdapters adapters(Clock clock, Sleeper sleeper) {
        return closer.register(AwsAdapters.builder().region(settings.region()).profile(settings.profile())
                .bootScript(BootScript::render).clock(clock).sleeper(sleeper).build());
    }
}
