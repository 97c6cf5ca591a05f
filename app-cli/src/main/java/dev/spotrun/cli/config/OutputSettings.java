package dev.spotrun.cli.config;

import java.util.Objects;

/**
 * How spotrun reports.
 *
 * @param progress   the progress display on stderr
 * @param eventsFile where to write every event as JSON lines, or "" for nowhere
 * @param debug      whether failures print their stack traces
 */
public record OutputSettings(ProgressMode progress, String eventsFile, boolean debug) {

    public OutputSettings {
        Objects.requireNonNull(progress, "progress");
        eventsFile = Objects.requireNonNullElse(eventsFile, "");
    }
}
