package dev.spotrun.aws;

import dev.spotrun.domain.EngineBootstrap;
import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.port.ComputePort;
import dev.spotrun.testkit.contract.ComputePortContract;
import dev.spotrun.testkit.localcloud.LocalCloud;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The compute contract for Ec2Compute on the local cloud, instances in process: the EC2 protocol alone. */
class Ec2ComputeContractTest extends ComputePortContract {

    private static LocalCloud cloud;
    private static AwsAdapters aws;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.start();
        aws = cloud.awsAdapters().bootScript((engine, expiresAt) -> "#!/bin/sh\n").build();
    }

    @AfterAll
    static void stop() {
        aws.close();
        cloud.close();
    }

    @Override
    protected ComputePort compute() {
        return aws.compute();
    }

    @Override
    protected MachineSpec machine() {
        return MachineSpec.spot("m5.large", "c5.large");
    }

    @Override
    protected EngineBootstrap bootstrap() {
        return Ec2ComputeOnLocalCloudTest.ENGINE;
    }

    @Override
    protected void exhaustCapacity(String instanceType) {
        cloud.faults().noCapacity(instanceType);
    }

    @Override
    protected void interrupt(String instanceId) {
        cloud.interrupt(instanceId);
    }

    @Override
    protected Duration bootTimeout() {
        return Duration.ofSeconds(20);
    }
}
