package dev.spotrun.testkit.contract;

import dev.spotrun.domain.MachineSpec;
import dev.spotrun.localcloud.LocalCloud;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/**
 * The compute contract for an EC2 adapter pointed at a {@link LocalCloud}: capacity is exhausted and spot
 * instances are interrupted through the cloud's faults. Subclasses give the adapter's {@link #compute()}, the
 * cloud, and how its instances run (in process, or as fake EC2 hosts).
 */
public abstract class LocalCloudComputeContract extends ComputePortContract {

    /** The local cloud the adapters talk to. */
    protected abstract LocalCloud cloud();

    @Override
    protected MachineSpec machine() {
        return MachineSpec.spot("m5.large", "c5.large");
    }

    @Override
    protected void exhaustCapacity(String instanceType) {
        cloud().faults().noCapacity(instanceType);
    }

    @Override
    protected void interrupt(String instanceId) {
        cloud().interrupt(instanceId);
    }

    @Override
    protected void notice(String instanceId) {
        cloud().operate(instanceId, "notice");
    }

    @Override
    protected void slowTerminations() {
        cloud().faults().slowTerminate(Duration.ofSeconds(2));
    }

    @AfterEach
    void terminationsAtTheCloudsPace() {
        cloud().faults().slowTerminate(Duration.ZERO);
    }
}
