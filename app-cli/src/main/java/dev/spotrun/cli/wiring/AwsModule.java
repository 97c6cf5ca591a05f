package dev.spotrun.cli.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.spotrun.aws.AwsAdapters;
import dev.spotrun.aws.BootScript;
import dev.spotrun.aws.CallerAddress;
import dev.spotrun.cli.config.CloudSettings;
import dev.spotrun.domain.port.Sleeper;
import java.time.Clock;

/**
 * AWS: EC2 and ECR through the SDK's own chains (credentials, {@code AWS_PROFILE}, {@code AWS_REGION},
 * {@code AWS_ENDPOINT_URL}), overridden only by {@code --region} and {@code --profile}; the machines' Docker
 * engines over mutual TLS. Nothing is built until the first port is asked for.
 *
 * <p>An EC2 endpoint on loopback (a local cloud in another process) has its machines on this machine: they
 * admit the loopback address, which no lookup on the internet could tell. A local cloud's registry
 * ({@code SPOTRUN_LOCAL_REGISTRY}) is that cloud's ECR: its images are pulled with the cloud's ECR token.
 */
public final class AwsModule extends AbstractModule {

    /** The account of a local cloud, whose ECR tokens open its registry. */
    static final String LOCAL_ACCOUNT = "000000000000";

    private final CloudSettings settings;
    private final AwsEnvironment environment;
    private final Closer closer;

    AwsModule(CloudSettings settings, AwsEnvironment environment, Closer closer) {
        this.settings = settings;
        this.environment = environment;
        this.closer = closer;
    }

    @Override
    protected void configure() {
        install(new AdapterPortsModule());
    }

    @Provides
    @Singleton
    AwsAdapters adapters(Clock clock, Sleeper sleeper) {
        AwsAdapters.Builder builder = AwsAdapters.builder().region(settings.region()).profile(settings.profile())
                .bootScript(BootScript::render).clock(clock).sleeper(sleeper);
        if (environment.ec2OnLoopback()) {
            builder.callerAddress(CallerAddress.fixed(environment.loopbackCidr()));
        }
        if (!environment.localEcrRegistry().isEmpty()) {
            builder.ecrRegistry(environment.localEcrRegistry(), LOCAL_ACCOUNT, settings.region());
        }
        return closer.register(builder.build());
    }
}
