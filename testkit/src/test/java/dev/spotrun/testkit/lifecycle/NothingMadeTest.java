package dev.spotrun.testkit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotrun.domain.failure.CallerAddressUnknown;
import dev.spotrun.domain.failure.CloudNotConfigured;
import dev.spotrun.domain.failure.SpotrunException;
import dev.spotrun.domain.port.ComputePort;
import dev.spotrun.domain.run.RemoteRun;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A launch that fails before anything is asked of the cloud (no credentials, no caller address) made nothing:
 * the run ends at once, without asking again or waiting out the release of a group that no retry can release.
 */
class NothingMadeTest {

    static Stream<SpotrunException> failures() {
        return Stream.of(new CloudNotConfigured(CloudNotConfigured.Setting.CREDENTIALS, "no AWS credentials", null),
                new CallerAddressUnknown("https://checkip.test/", "its answer is not one IP address: '<html>'", false,
                        null));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void theRunEndsAtOnceWithTheFailureAndAsksNothingTwice(SpotrunException failure) {
        Lifecycle lifecycle = new Lifecycle();
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        ComputePort compute = failing(lifecycle.cloud.compute(), failure, calls);
        RemoteRun run = new RemoteRun(compute, lifecycle.cloud.registry(), lifecycle.cloud.engines(),
                lifecycle.cloud.clock(), lifecycle.cloud.clock());
        Instant start = lifecycle.cloud.clock().instant();

        assertThatThrownBy(() -> run.run(RemoteRun.newRunId(), Lifecycle.spec("echo hello"), lifecycle.logs,
                lifecycle.events, lifecycle.cancellation)).isSameAs(failure);

        assertThat(calls.get("launch")).as("launches asked").hasValue(1);
        assertThat(calls.get("releaseRun")).as("releases asked").hasValue(1);
        assertThat(Duration.between(start, lifecycle.cloud.clock().instant())).isLessThan(Duration.ofSeconds(1));
        assertThat(lifecycle.cloud.compute().liveInstances()).isEmpty();
    }

    /** The in-memory compute, except that launching and releasing fail as a cloud without credentials does. */
    private static ComputePort failing(ComputePort real, SpotrunException failure, Map<String, AtomicInteger> calls) {
        return (ComputePort) Proxy.newProxyInstance(ComputePort.class.getClassLoader(), new Class<?>[] {ComputePort.class},
                (proxy, method, args) -> {
                    calls.computeIfAbsent(method.getName(), name -> new AtomicInteger()).incrementAndGet();
                    if (method.getName().equals("launch") || method.getName().equals("releaseRun")) {
                        throw failure;
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
