package dev.spotrun.testkit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotrun.domain.Instance;
import dev.spotrun.domain.LaunchOption;
import dev.spotrun.domain.LaunchRequest;
import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.Market;
import dev.spotrun.domain.RunResult;
import dev.spotrun.domain.RunSpec;
import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.failure.NoCapacity;
import dev.spotrun.testkit.InMemoryCompute;
import dev.spotrun.testkit.VirtualClock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Step 1: capacity errors fall through types, then zones, then to on-demand when the policy allows. */
class CapacityFallbackTest {

    private final Lifecycle lifecycle = new Lifecycle();
    private final InMemoryCompute compute = lifecycle.cloud.compute();

    private RunResult run(MachineSpec machine) {
        return lifecycle.run(Lifecycle.spec("echo hello").withMachine(machine));
    }

    @Test
    void theNextInstanceTypeIsTriedWhenTheFirstHasNoCapacity() {
        compute.noCapacity("c6i.large");
        RunResult result = run(MachineSpec.spot("c6i.large", "c6a.large", "m6i.large"));
        assertThat(result.instances()).extracting(Instance::instanceType).containsExactly("c6a.large");
        assertThat(lifecycle.events.events(RunEvent.LaunchRejected.class)).extracting(e -> e.option().instanceType())
                .containsExactly("c6i.large");
        assertThat(lifecycle.events.events(RunEvent.InstanceLaunched.class)).singleElement()
                .satisfies(e -> assertThat(e.option()).isEqualTo(new LaunchOption("c6a.large", Market.SPOT, "", "")));
    }

    @Test
    void aPreferredTypeInAnotherZoneBeatsTheNextType() {
        compute.noCapacity("c6i.large", Market.SPOT, "eu-west-1a");
        RunResult result = run(MachineSpec.spot("c6i.large", "c6a.large").withZones(List.of("eu-west-1a", "eu-west-1b")));
        assertThat(result.instances()).singleElement().satisfies(i -> {
            assertThat(i.instanceType()).isEqualTo("c6i.large");
            assertThat(i.zone()).isEqualTo("eu-west-1b");
        });
    }

    @Test
    void subnetsAreTriedInOrder() {
        compute.noCapacity("c6i.large", Market.SPOT, "subnet-0000000a");
        run(MachineSpec.spot("c6i.large").withSubnets(List.of("subnet-0000000a", "subnet-0000000b")));
        assertThat(compute.launchRequests()).extracting(r -> r.option().subnet())
                .containsExactly("subnet-0000000a", "subnet-0000000b");
    }

    @Test
    void onDemandComesLastWhenThePolicyAllowsIt() {
        compute.noCapacity("c6i.large", Market.SPOT).noCapacity("c6a.large", Market.SPOT);
        RunResult result = run(MachineSpec.spot("c6i.large", "c6a.large").withMarket(Market.SPOT_THEN_ON_DEMAND));
        assertThat(result.instances()).singleElement().satisfies(i -> {
            assertThat(i.instanceType()).isEqualTo("c6i.large");
            assertThat(i.market()).isEqualTo(Market.ON_DEMAND);
        });
        assertThat(compute.launchRequests()).extracting(LaunchRequest::option).containsExactly(
                new LaunchOption("c6i.large", Market.SPOT, "", ""), new LaunchOption("c6a.large", Market.SPOT, "", ""),
                new LaunchOption("c6i.large", Market.ON_DEMAND, "", ""));
    }

    @Test
    void spotOnlyNeverBuysOnDemand() {
        compute.noCapacity("c6i.large", Market.SPOT).noCapacity("c6a.large", Market.SPOT);
        RunSpec spec = Lifecycle.spec("echo hello").withMachine(MachineSpec.spot("c6i.large", "c6a.large"));
        assertThatThrownBy(() -> lifecycle.run(spec)).isInstanceOfSatisfying(NoCapacity.class,
                e -> assertThat(e.tried()).hasSize(2)).hasMessageContaining("spot-then-on-demand");
        assertThat(compute.launchRequests()).extracting(r -> r.option().market()).containsOnly(Market.SPOT);
        assertThat(compute.launchedIds()).isEmpty();
    }

    @Test
    void everyMachineIsTaggedWithRunOwnerAndExpiry() {
        RunSpec spec = Lifecycle.spec("echo hello");
        RunResult result = lifecycle.run(spec);
        LaunchRequest request = compute.launchRequests().get(0);
        assertThat(request.tags()).containsEntry(LaunchRequest.TAG_RUN_ID, result.runId())
                .containsEntry(LaunchRequest.TAG_OWNER, "ci")
                .containsEntry(LaunchRequest.TAG_EXPIRES_AT, VirtualClock.EPOCH.plus(spec.ttl()).toString());
    }
}
