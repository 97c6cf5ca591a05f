package dev.spotrun.aws;

import dev.spotrun.localcloud.LocalCloud;
import java.time.Duration;

/** The AWS adapters' settings for a local cloud in this JVM, as spotrun's own wiring makes them. */
final class LocalCloudAdapters {

    private LocalCloudAdapters() {
    }

    /**
     * Its endpoint and region, any credentials, the engine port opened to loopback only, and quick polling; the
     * registry beside it as its ECR. Add a boot script (and anything else) and build.
     */
    static AwsAdapters.Builder of(LocalCloud cloud) {
        AwsAdapters.Builder adapters = AwsAdapters.builder().endpoint(cloud.endpoint()).region(cloud.region())
                .staticCredentials("local", "local").callerAddress(CallerAddress.fixed(LocalCloud.LOOPBACK_CIDR))
                .pollInterval(Duration.ofMillis(100));
        return cloud.hasRegistry() ? adapters.ecrRegistry(cloud.registryHost(), LocalCloud.ACCOUNT, cloud.region())
                : adapters;
    }
}
