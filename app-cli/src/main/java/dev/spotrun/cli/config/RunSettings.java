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
 */
public record RunSettings(CloudSettings cloud, RunSpec spec, OutputSettings output, boolean dryRun) {

    public RunSettings {
        Objects.requireNonNull(cloud, "cloud");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(output, "output");
    }
}
