package dev.spotrun.cli.output;

import dev.spotrun.domain.Instance;
import dev.spotrun.domain.LaunchOption;
import dev.spotrun.domain.Market;
import dev.spotrun.domain.Outcome;
import dev.spotrun.domain.Phase;
import dev.spotrun.domain.PullProgress;
import dev.spotrun.domain.event.RunEvent;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** One instance of every permitted subtype of {@link RunEvent}, so that a new event cannot go unrendered. */
final class SampleEvents {

    static final Instant AT = Instant.parse("2030-01-01T00:00:00Z");
    static final Instance INSTANCE = new Instance("i-0123456789abcdef0", "t3.small", Market.SPOT, "us-east-1a",
            "203.0.113.7");
    static final LaunchOption OPTION = new LaunchOption("t3.small", Market.SPOT, "", "us-east-1a");

    private SampleEvents() {
    }

    static List<RunEvent> all() {
        return Arrays.stream(RunEvent.class.getPermittedSubclasses()).map(SampleEvents::sample).toList();
    }

    static RunEvent sample(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Object[] values = Arrays.stream(types).map(SampleEvents::value).toArray();
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            return (RunEvent) constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build a sample of " + type, e);
        }
    }

    private static Object value(Class<?> type) {
        if (type == Instant.class) {
            return AT;
        } else if (type == String.class) {
            return "text \"quoted\"\n";
        } else if (type == int.class) {
            return 2;
        } else if (type == long.class) {
            return 1_500_000L;
        } else if (type == boolean.class) {
            return true;
        } else if (type == Duration.class) {
            return Duration.ofMillis(1500);
        } else if (type == Instance.class) {
            return INSTANCE;
        } else if (type == LaunchOption.class) {
            return OPTION;
        } else if (type == PullProgress.class) {
            return new PullProgress("a1b2c3d4e5f6", "Downloading", 1_500_000, 3_000_000);
        } else if (type == Outcome.class) {
            return Outcome.EXITED;
        } else if (type == Phase.class) {
            return Phase.PULL;
        } else if (type == List.class) {
            return List.of("sr-0123456789ab", "text \"quoted\"\n");
        }
        throw new IllegalStateException("no sample value of " + type + "; add one");
    }
}
