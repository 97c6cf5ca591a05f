package dev.spotrun.aws;

import static dev.spotrun.aws.Ec2ComputeOnLocalCloudTest.ENGINE;
import static dev.spotrun.aws.Ec2ComputeOnLocalCloudTest.request;
import static dev.spotrun.aws.Ec2ComputeOnLocalCloudTest.spot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotrun.domain.Instance;
import dev.spotrun.domain.LaunchOption;
import dev.spotrun.domain.LaunchRequest;
import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.Market;
import dev.spotrun.domain.failure.CapacityUnavailable;
import dev.spotrun.domain.failure.CloudRejected;
import dev.spotrun.domain.failure.CloudUnavailable;
import dev.spotrun.domain.port.ComputePort;
import dev.spotrun.localcloud.LocalCloud;
import dev.spotrun.testkit.localcloud.LocalCloudExtension;
import dev.spotrun.localcloud.RecordedRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What Ec2Compute makes of EC2's errors, as the local cloud sends them: capacity for the lifecycle's
 * fallback, rejections at once, throttling and server errors after the SDK's own retries.
 */
class Ec2FailuresOnLocalCloudTest {

    @RegisterExtension
    static final LocalCloudExtension LOCAL = new LocalCloudExtension();

    private static LocalCloud cloud;
    private static AwsAdapters aws;
    private static ComputePort compute;

    @BeforeAll
    static void start() {
        cloud = LOCAL.cloud();
        aws = LocalCloudAdapters.of(cloud).bootScript(request -> "#!/bin/sh\n").build();
        compute = aws.compute();
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    @Test
    void noCapacityIsReportedAfterOneRequestThoughEc2SendsItAsAServerError() {
        cloud.faults().noCapacity("p4d.24xlarge");
        LaunchRequest request = spot("p4d.24xlarge");

        assertThatThrownBy(() -> compute.launch(request)).isInstanceOfSatisfying(CapacityUnavailable.class, e -> {
            assertThat(e.code()).isEqualTo("InsufficientInstanceCapacity");
            assertThat(e.option()).isEqualTo(request.option());
        });
        assertThat(cloud.requests("RunInstances")).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(500));
    }

    @Test
    void everyCapacityCodeBecomesCapacityUnavailable() {
        for (String code : List.of("SpotMaxPriceTooLow", "Unsupported", "MaxSpotInstanceCountExceeded",
                "InsufficientCapacity")) {
            cloud.faults().clear();
            cloud.faults().capacityError("c5.large", "*", "spot", code);
            assertThatThrownBy(() -> compute.launch(spot("c5.large"))).isInstanceOfSatisfying(CapacityUnavailable.class,
                    e -> assertThat(e.code()).isEqualTo(code));
        }
    }

    @Test
    void anAuthErrorFailsAtOnceWithoutRetries() {
        cloud.faults().failNext("RunInstances", 5, 401, "AuthFailure");

        assertThatThrownBy(() -> compute.launch(spot("m5.large"))).isInstanceOfSatisfying(CloudRejected.class, e -> {
            assertThat(e.code()).isEqualTo("AuthFailure");
            assertThat(e.subject()).isEqualTo(CloudRejected.Subject.CREDENTIALS);
        });
        assertThat(cloud.requests("RunInstances")).hasSize(1);
    }

    @Test
    void serverErrorsAreRetriedByTheSdkWithTheSameClientTokenAndLaunchOneInstance() {
        cloud.faults().failNext("RunInstances", 2, 503, "Unavailable");
        int before = cloud.instances().size();

        Instance instance = compute.launch(spot("m5.large"));

        List<RecordedRequest> runs = cloud.requests("RunInstances");
        assertThat(runs).hasSize(3);
        assertThat(runs).extracting(r -> r.param("ClientToken")).doesNotContain("").containsOnly(runs.get(0).param("ClientToken"));
        assertThat(cloud.instances()).hasSize(before + 1);
        compute.terminate(instance.id());
    }

    @Test
    void throttlingThatOutlastsTheRetriesIsCloudUnavailable() {
        cloud.faults().failNext("DescribeInstances", 10, 503, "RequestLimitExceeded");

        assertThatThrownBy(() -> compute.status("i-0123456789abcdef0")).isInstanceOf(CloudUnavailable.class)
                .hasMessageContaining("RequestLimitExceeded");
        assertThat(cloud.requests("DescribeInstances")).hasSize(4);
    }

    @Test
    void aBadImageOrSubnetIsRejectedWithItsCode() {
        MachineSpec badAmi = new MachineSpec(List.of("m5.large"), Market.SPOT, List.of(), List.of(), null,
                "ami-0123456789abcdef0", "", "", "", false, Map.of());
        assertThatThrownBy(() -> compute.launch(request("m5.large", Market.SPOT, badAmi)))
                .isInstanceOfSatisfying(CloudRejected.class, e -> {
                    assertThat(e.code()).isEqualTo("InvalidAMIID.NotFound");
                    assertThat(e.subject()).isEqualTo(CloudRejected.Subject.IMAGE);
                });

        LaunchRequest base = spot("m5.large");
        LaunchRequest badSubnet = new LaunchRequest(base.runId(), 1,
                new LaunchOption("m5.large", Market.SPOT, "subnet-0123456789abcdef0", ""), base.machine(), ENGINE, "ci",
                base.expiresAt());
        assertThatThrownBy(() -> compute.launch(badSubnet)).isInstanceOfSatisfying(CloudRejected.class,
                e -> assertThat(e.subject()).isEqualTo(CloudRejected.Subject.SUBNET)).hasMessageContaining("subnet");
    }
}
