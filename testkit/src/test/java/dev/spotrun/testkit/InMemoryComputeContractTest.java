package dev.spotrun.testkit;

import dev.spotrun.domain.EngineBootstrap;
import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.port.ComputePort;
import dev.spotrun.testkit.contract.ComputePortContract;
import java.time.Clock;
import java.time.Duration;

class InMemoryComputeContractTest extends ComputePortContract {

    private final InMemoryCloud cloud = new InMemoryCloud();

    @Override
    protected ComputePort compute() {
        return cloud.compute();
    }

    @Override
    protected MachineSpec machine() {
        return MachineSpec.spot("t3.small", "t3.medium");
    }

    @Override
    protected EngineBootstrap bootstrap() {
        return cloud.engines().newTrust("contract", Duration.ofHours(1)).bootstrap();
    }

    @Override
    protected void exhaustCapacity(String instanceType) {
        cloud.compute().noCapacity(instanceType);
    }

    @Override
    protected void interrupt(String instanceId) {
        cloud.compute().interrupt(instanceId);
    }

    @Override
    protected void notice(String instanceId) {
        cloud.compute().notice(instanceId);
    }

    @Override
    protected Clock clock() {
        return cloud.clock();
    }

    /** Its machines take 40 s of virtual time to terminate, as on EC2. */
    @Override
    protected void awaitTerminated(String instanceId) {
        cloud.clock().advance(Duration.ofMinutes(1));
    }
}
