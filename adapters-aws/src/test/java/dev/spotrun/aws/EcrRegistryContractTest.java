package dev.spotrun.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.domain.ImageRef;
import dev.spotrun.domain.port.RegistryPort;
import dev.spotrun.testkit.contract.RegistryPortContract;
import dev.spotrun.localcloud.LocalCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The registry contract for EcrRegistry, whose tokens come from the local cloud's GetAuthorizationToken. */
class EcrRegistryContractTest extends RegistryPortContract {

    private static LocalCloud cloud;
    private static AwsAdapters aws;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.start();
        aws = LocalCloudAdapters.of(cloud).bootScript(request -> "").build();
    }

    @AfterAll
    static void stop() {
        aws.close();
        cloud.close();
    }

    @Override
    protected RegistryPort registry() {
        return aws.registry();
    }

    @Override
    protected ImageRef privateImage() {
        return ImageRef.parse(cloud.registryHost() + "/jobs/app:1");
    }

    @Override
    protected ImageRef publicImage() {
        return ImageRef.parse("busybox:1.36");
    }

    @Test
    void theTokenCarriesTheRegistrysPasswordAndIsAskedForOnce() {
        cloud.clearRequests();
        registry().credentialsFor(privateImage());
        registry().credentialsFor(privateImage());

        assertThat(registry().credentialsFor(privateImage()).orElseThrow().password())
                .isEqualTo(cloud.registryPassword());
        assertThat(cloud.requests("GetAuthorizationToken")).hasSizeLessThanOrEqualTo(1);
        assertThat(cloud.requests()).allSatisfy(r -> assertThat(r.body()).doesNotContain(cloud.registryPassword()));
    }
}
