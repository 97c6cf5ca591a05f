package dev.spotrun.cli.config;

import dev.spotrun.domain.RunSpec;
import java.util.Objects;

/**
 * Everything one {@code spotrun run} was asked to do, from the flags, the configuration file and the built-in
 * defaults, in that order of precedence.
 *
 * @param cloud  which cloud
 * @param spec   the job, for the lifecycle
 * @param output how to report
 * @param dryRun whether to only show what would be requested
 * @param fanOut how many shards, and where their output goes
 */
public record RunSettings(CloudSettings cloud, RunSpec spec, OutputSettings output, boolean dryRun,
                          FanOutSettings fanOut) {

    public RunSettings {
        Objects.requireNonNull(cloud, "cloud");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(output, "output");
        fanOut = Objects.requireNonNullElse(fanOut, FanOutSettings.single());
    }

    /** A run on one machine. */
    public RunSettings(CloudSettings cloud, RunSpec spec, OutputSettings output, boolean dryRun) {
        this(cloud, spec, output, dryRun, FanOutSettings.single());
    }
}
