package dev.spotrun.cli.wiring;

import dev.spotrun.aws.AwsAdapters;
import dev.spotrun.aws.CallerAddress;
import dev.spotrun.cli.config.CloudSettings;
import dev.spotrun.localcloud.LocalCloud;
import java.net.URI;
import java.time.Duration;

/**
 * Where an EC2-compatible cloud answers, which is all that tells AWS and the local cloud apart: both are wired
 * by the one {@link AwsCloud}.
 *
 * @param region      the region; "" for the SDK's chain
 * @param profile     the shared-config profile; "" for the default one
 * @param endpoint    the endpoint of a cloud in this process, with any credentials; "" for the SDK's chain
 *                    ({@code AWS_ENDPOINT_URL} included)
 * @param callerCidr  whom the machines' engine port admits when no lookup could tell (a cloud on loopback); ""
 *                    to ask
 * @param ecrRegistry a registry whose images are pulled with the cloud's ECR token; "" for none
 */
public record AwsTarget(String region, String profile, String endpoint, String callerCidr, String ecrRegistry) {

    /** The account of a local cloud, whose ECR tokens open its registry. */
    static final String LOCAL_ACCOUNT = "000000000000";
    /** A cloud in this process answers at once: poll it quickly, and wait less for its clean-up. */
    private static final Duration LOCAL_POLL = Duration.ofMillis(100);

    /**
     * AWS, or an EC2 endpoint named by the environment. One on loopback (a local cloud in another process) has its
     * machines on this machine: they admit the loopback address, which no lookup on the internet could tell; its
     * registry ({@code SPOTRUN_LOCAL_REGISTRY}) is that cloud's ECR.
     */
    static AwsTarget of(CloudSettings settings, AwsEnvironment environment) {
        return new AwsTarget(settings.region(), settings.profile(), "",
                environment.ec2OnLoopback() ? environment.loopbackCidr() : "", environment.localEcrRegistry());
    }

    /** A local cloud started in this process: its endpoint, region and registry; its machines admit loopback. */
    public static AwsTarget local(LocalCloud cloud) {
        return new AwsTarget(cloud.region(), "", cloud.endpoint().toString(), LocalCloud.LOOPBACK_CIDR,
                cloud.hasRegistry() ? cloud.registryHost() : "");
    }

    /** The adapters' settings for this cloud; add a boot script, a clock and a sleeper, and build. */
    public AwsAdapters.Builder adapters() {
        AwsAdapters.Builder builder = AwsAdapters.builder().region(region).profile(profile);
        if (!endpoint.isEmpty()) {
            builder.endpoint(URI.create(endpoint)).staticCredentials("local", "local").pollInterval(LOCAL_POLL);
        }
        if (!callerCidr.isEmpty()) {
            builder.callerAddress(CallerAddress.fixed(callerCidr));
        }
        if (!ecrRegistry.isEmpty()) {
            builder.ecrRegistry(ecrRegistry, LOCAL_ACCOUNT, region);
        }
        return builder;
    }
}
