package dev.spotrun.aws;

import dev.spotrun.domain.EngineBootstrap;
import dev.spotrun.domain.port.ComputePort;
import dev.spotrun.localcloud.LocalCloud;
import dev.spotrun.testkit.contract.LocalCloudComputeContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The compute contract for Ec2Compute on the local cloud, instances in process: the EC2 protocol alone. */
class Ec2ComputeContractTest extends LocalCloudComputeContract {

    private static LocalCloud cloud;
    private static AwsAdapters aws;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.start();
        aws = LocalCloudAdapters.of(cloud).bootScript(request -> "#!/bin/sh\n").build();
    }

    @AfterAll
    static void stop() {
        aws.close();
        cloud.close();
    }

    @Override
    protected LocalCloud cloud() {
        return cloud;
    }

    @Override
    protected ComputePort compute() {
        return aws.compute();
    }

    @Override
    protected EngineBootstrap bootstrap() {
        return Ec2ComputeOnLocalCloudTest.ENGINE;
    }

    @Override
    protected Duration bootTimeout() {
        return Duration.ofSeconds(20);
    }
}
