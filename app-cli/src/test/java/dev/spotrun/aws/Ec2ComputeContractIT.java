package dev.spotrun.aws;

import dev.spotrun.cli.wiring.AwsTarget;
import dev.spotrun.docker.DockerEngines;
import dev.spotrun.domain.EngineBootstrap;
import dev.spotrun.domain.port.ComputePort;
import dev.spotrun.localcloud.InstanceBackend;
import dev.spotrun.localcloud.LocalCloud;
import dev.spotrun.testkit.contract.LocalCloudComputeContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The compute contract for Ec2Compute on the local cloud whose instances are fake EC2 hosts booted from the
 * real boot script: what runs is what would run on EC2, short of the hardware.
 */
class Ec2ComputeContractIT extends LocalCloudComputeContract {

    private static LocalCloud cloud;
    private static AwsAdapters aws;
    private static EngineBootstrap bootstrap;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.builder().backend(InstanceBackend.fakeEc2Hosts()).start();
        aws = AwsTarget.local(cloud).adapters().build();
        bootstrap = DockerEngines.create().newTrust("sr-contract-it", Duration.ofHours(1)).bootstrap();
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.close();
        }
        if (cloud != null) {
            cloud.close();
        }
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
        return bootstrap;
    }

    @Override
    protected Duration bootTimeout() {
        return Duration.ofMinutes(2);
    }
}
