package dev.spotrun.testkit.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.domain.EngineBootstrap;
import dev.spotrun.domain.Instance;
import dev.spotrun.domain.LaunchOption;
import dev.spotrun.domain.LaunchRequest;
import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.Market;
import dev.spotrun.testkit.InMemoryCloud;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fakes under the load of several lifecycles at once: as EC2 is, they stay consistent. */
@Timeout(60)
class ConcurrentFakesTest {

    private static final EngineBootstrap ENGINE = new EngineBootstrap(EngineBootstrap.TLS_PORT, "CA", "CERT", "KEY");
    private static final int THREADS = 12;
    private static final int ROUNDS = 100;

    /**
     * EC2 makes one machine per client token however many launches carry it at once (a retry racing a late
     * answer); the fake checked and recorded the token in two steps, so that launches at the same moment each
     * made a machine nobody knew of.
     */
    @Test
    void launchesWithTheSameClientTokenAtOnceMakeOneMachine() throws Exception {
        InMemoryCloud cloud = new InMemoryCloud();
        for (int round = 0; round < ROUNDS; round++) {
            LaunchRequest request = new LaunchRequest("sr-race" + round, 1,
                    new LaunchOption("t3.small", Market.SPOT, "", ""), MachineSpec.spot("t3.small"), ENGINE, "ci",
                    Instant.parse("2030-01-02T00:00:00Z"));
            Set<String> answers = ConcurrentHashMap.newKeySet();
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Thread thread = new Thread(() -> {
                    await(start);
                    Instance instance = cloud.compute().launch(request);
                    answers.add(instance.id());
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertThat(answers).as("round %d", round).hasSize(1);
        }
        assertThat(cloud.compute().launchedIds()).hasSize(ROUNDS);
        cloud.compute().launchedIds().forEach(cloud.compute()::terminate);
        assertThat(cloud.compute().liveInstances()).isEmpty();
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
