package dev.spotrun.cli;

import dev.spotrun.cli.config.ProgressMode;
import picocli.CommandLine.Option;

/** How spotrun reports on a run. */
final class OutputOptions {

    @Option(names = "--dry-run", description = "Show what would be requested, create nothing.")
    boolean dryRun;

    @Option(names = {"-q", "--quiet"}, description = "No progress and no summary; errors still go to stderr.")
    boolean quiet;

    @Option(names = "--progress", paramLabel = "MODE", converter = Converters.ProgressConverter.class,
            description = "auto (default: live on a terminal, plain lines otherwise), live, plain or none.")
    ProgressMode progress;

    @Option(names = "--events", paramLabel = "FILE",
            description = "Write every lifecycle event to FILE as one JSON object per line.")
    String eventsFile;
}
