package dev.spotrun.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * How long each phase may take.
 *
 * @param boot      from the launch request until the machine's engine answers
 * @param pull      for pulling the image
 * @param run       for the container, from start to exit
 * @param stopGrace how long a stopped container gets between SIGTERM and SIGKILL
 */
public record Timeouts(Duration boot, Duration pull, Duration run, Duration stopGrace) {

    public Timeouts {
        Objects.requireNonNull(boot, "boot");
        Objects.requireNonNull(pull, "pull");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(stopGrace, "stopGrace");
    }

    /** Boot 10 min, pull 30 min, run 6 h, stop grace 10 s. */
    public static Timeouts defaults() {
        return new Timeouts(Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(6), Duration.ofSeconds(10));
    }

    public Timeouts withBoot(Duration d) {
        return new Timeouts(d, pull, run, stopGrace);
    }

    public Timeouts withPull(Duration d) {
        return new Timeouts(boot, d, run, stopGrace);
    }

    public Timeouts withRun(Duration d) {
        return new Timeouts(boot, pull, d, stopGrace);
    }

    public Timeouts withStopGrace(Duration d) {
        return new Timeouts(boot, pull, run, d);
    }
}
