package dev.spotrun.aws;

import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.port.ComputePort;
import dev.spotrun.testkit.contract.ComputePortContract;
import dev.spotrun.localcloud.LocalCloud;

/** The compute contract for Ec2Compute on a local cloud; subclasses choose how its instances run. */
abstract class LocalCloudComputeContract extends ComputePortContract {

    /** The local cloud the adapters talk to. */
    protected abstract LocalCloud cloud();

    /** The AWS adapters pointed at {@link #cloud()}. */
    protected abstract AwsAdapters aws();

    @Override
    protected ComputePort compute() {
        return aws().compute();
    }

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
}
