package dev.spotrun.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.domain.ContainerSpec;
import dev.spotrun.domain.EngineBootstrap;
import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.Market;
import dev.spotrun.domain.RetryPolicy;
import dev.spotrun.domain.RunResult;
import dev.spotrun.domain.RunSpec;
import dev.spotrun.domain.port.Sleeper;
import dev.spotrun.domain.run.RemoteRun;
import dev.spotrun.testkit.InMemoryContainerEngine;
import dev.spotrun.testkit.RecordingListener;
import dev.spotrun.testkit.RecordingLogSink;
import dev.spotrun.testkit.VirtualClock;
import dev.spotrun.testkit.localcloud.NextRun;
import dev.spotrun.localcloud.InstanceBackend;
import dev.spotrun.localcloud.LocalCloud;
import dev.spotrun.localcloud.LocalInstance;
import dev.spotrun.localcloud.RecordedRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real lifecycle on Ec2Compute and the local cloud, with in-memory engines behind its instances: capacity
 * fallback across types and to on-demand, as EC2 would answer it.
 */
class RemoteRunOnLocalCloudTest {

    private static final String IMAGE = "registry.test/jobs/busybox:1.36";

    /** Hands each instance an in-memory engine host booted from the bootstrap its user-data names. */
    static final class InMemoryEngineBackend implements InstanceBackend {
        // Its clock is not the lifecycle's, so its engines must answer without waiting on it.
        final InMemoryContainerEngine engines = new InMemoryContainerEngine(new VirtualClock())
                .engineStartDelay(Duration.ZERO);
        final Map<String, EngineBootstrap> scripts = new ConcurrentHashMap<>();
        final AtomicInteger next = new AtomicInteger();

        String render(EngineBootstrap engine) {
            String script = "#!/bin/sh\n# bootstrap " + next.incrementAndGet() + "\n";
            scripts.put(script, engine);
            return script;
        }

        @Override
        public Machine boot(MachineRequest request) {
            String address = engines.bootHost(scripts.get(request.userData()));
            return new Machine() {
                @Override
                public String publicAddress() {
                    return address;
                }

                @Override
                public String privateAddress() {
                    return address;
                }

                @Override
                public void destroy() {
                    engines.stopHost(address);
                }
            };
        }

        @Override
        public void close() {
        }
    }

    private final InMemoryEngineBackend backend = new InMemoryEngineBackend();
    private final LocalCloud cloud = LocalCloud.builder().backend(backend).start();
    private final AwsAdapters aws = LocalCloudAdapters.of(cloud).bootScript(request -> backend.render(request.engine())).build();

    @AfterEach
    void stop() {
        aws.close();
        cloud.close();
    }

    private RunResult run(RunSpec spec) {
        backend.engines.publishImage(IMAGE, "sh");
        RemoteRun run = new RemoteRun(aws.compute(), aws.registry(), backend.engines, Clock.systemUTC(), Sleeper.system());
        return run.run(spec.withTimeouts(spec.timeouts().withBoot(Duration.ofSeconds(30))), new RecordingLogSink(),
                new RecordingListener());
    }

    @Test
    void noSpotCapacityForAnyTypeFallsBackToOnDemandOfTheFirstType() {
        cloud.faults().noSpotCapacity("m5.large").noSpotCapacity("c5.large");
        MachineSpec machine = MachineSpec.spot("m5.large", "c5.large").withMarket(Market.SPOT_THEN_ON_DEMAND);

        RunResult result = run(RunSpec.of(ContainerSpec.of(IMAGE, "sh", "-c", "exit 3"), machine)
                .withRetry(RetryPolicy.none()));

        assertThat(result.exitCode()).isEqualTo(3);
        List<RecordedRequest> launches = cloud.requests("RunInstances");
        assertThat(launches).extracting(r -> r.param("InstanceType") + "/" + r.param("InstanceMarketOptions.MarketType"))
                .containsExactly("m5.large/spot", "c5.large/spot", "m5.large/");
        assertThat(result.lastAttempt().instance().market()).isEqualTo(Market.ON_DEMAND);
        assertThat(cloud.securityGroups()).as("left only marked for the next run")
                .allSatisfy(g -> assertThat(g.tags()).containsKey("spotrun:ended-at"));
        NextRun.releaseOnceTerminated(cloud, aws.compute(), Duration.ofSeconds(30));
        assertThat(cloud.instances()).allSatisfy(i -> assertThat(i.state()).isEqualTo("terminated"));
        assertThat(cloud.securityGroups()).isEmpty();
    }

    @Test
    void aZoneWithoutCapacityGivesWayToTheNextZoneBeforeTheNextType() {
        cloud.faults().capacityError("m5.large", cloud.zones().get(0), "*", "InsufficientInstanceCapacity");
        MachineSpec machine = MachineSpec.spot("m5.large", "c5.large").withZones(cloud.zones().subList(0, 2));

        RunResult result = run(RunSpec.of(ContainerSpec.of(IMAGE, "sh", "-c", "exit 0"), machine)
                .withRetry(RetryPolicy.none()));

        assertThat(result.exitCode()).isZero();
        assertThat(cloud.requests("RunInstances")).extracting(r -> r.param("Placement.AvailabilityZone"))
                .containsExactly(cloud.zones().get(0), cloud.zones().get(1));
        assertThat(cloud.instances()).singleElement().satisfies(i -> {
            assertThat(i.instanceType()).isEqualTo("m5.large");
            assertThat(i.zone()).isEqualTo(cloud.zones().get(1));
        });
    }

    @Test
    void aTypeWithoutCapacityInAnyMarketGivesWayToTheNextType() {
        cloud.faults().noCapacity("m5.large");

        RunResult result = run(RunSpec.of(ContainerSpec.of(IMAGE, "sh", "-c", "exit 0"),
                MachineSpec.spot("m5.large", "c5.large")).withRetry(RetryPolicy.none()));

        assertThat(result.exitCode()).isZero();
        assertThat(cloud.instances()).singleElement().extracting(LocalInstance::instanceType).isEqualTo("c5.large");
        assertThat(cloud.requests("RunInstances")).hasSize(2);
    }
}
