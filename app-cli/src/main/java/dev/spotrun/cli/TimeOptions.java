package dev.spotrun.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Time limits and retries. Durations are written like 90s, 10m, 6h or 1h30m; each is at most 7 days, as the
 * machine's whole life is. Null means "not given".
 */
final class TimeOptions {

    @Option(names = "--boot-timeout", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "Until the machine's engine answers. Default: 10m.")
    Duration boot;

    @Option(names = "--pull-timeout", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "For pulling the image. Default: 30m.")
    Duration pull;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "For the container, from start to exit. Default: 6h.")
    Duration run;

    @Option(names = "--stop-timeout", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "Between SIGTERM and SIGKILL when the container is stopped. Default: 10s.")
    Duration stopGrace;

    @Option(names = "--ttl", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "Longest life of a machine: it shuts itself down then, even if spotrun died. "
                    + "At most 7d. Default: the timeouts added up, plus 20m (at most 7d).")
    Duration ttl;

    @Option(names = "--abandon-after", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "The machine's dead-man switch: it powers itself off once no spotrun client has been "
                    + "connected to its engine this long (e.g. spotrun was killed). 10s to 7d. Default: 5m.")
    Duration abandonAfter;

    @Option(names = "--retries", paramLabel = "N",
            description = "New machines to try after spot interruptions, 0 to 20. Default: 2.")
    Integer retries;

    @Option(names = "--on-demand-retries", paramLabel = "true|false", arity = "0..1", fallbackValue = "true",
            description = "Buy retries on-demand, where no interruption strikes again.")
    Boolean onDemandRetries;
}
