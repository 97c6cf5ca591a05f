package dev.spotrun.cli;

import dev.spotrun.cli.config.Cloud;
import dev.spotrun.cli.config.DurationParser;
import dev.spotrun.cli.config.ProgressMode;
import dev.spotrun.domain.ContainerSpec;
import dev.spotrun.domain.Market;
import dev.spotrun.domain.failure.InvalidRunSpec;
import java.time.Duration;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters whose messages say what would have been accepted. */
final class Converters {

    private Converters() {
    }

    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return wrap(value, DurationParser::parse);
        }
    }

    static final class MarketConverter implements ITypeConverter<Market> {
        @Override
        public Market convert(String value) {
            return wrap(value, Market::parse);
        }
    }

    static final class CloudConverter implements ITypeConverter<Cloud> {
        @Override
        public Cloud convert(String value) {
            return wrap(value, Cloud::parse);
        }
    }

    static final class ProgressConverter implements ITypeConverter<ProgressMode> {
        @Override
        public ProgressMode convert(String value) {
            return wrap(value, ProgressMode::parse);
        }
    }

    /** {@code all}, or a number of GPUs. */
    static final class GpusConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return wrap(value, Converters::gpus);
        }
    }

    static int gpus(String value) {
        if (value.trim().equalsIgnoreCase("all")) {
            return ContainerSpec.ALL_GPUS;
        }
        try {
            int count = Integer.parseInt(value.trim());
            if (count >= 0) {
                return count;
            }
        } catch (NumberFormatException notANumber) {
            // Reported below with the accepted forms.
        }
        throw new IllegalArgumentException("'" + value + "' is not a GPU count; use 'all' or a number such as 1");
    }

    /** Converts, turning the domain's and our own refusals into picocli's, so that they end in exit code 2. */
    static <T> T wrap(String value, Function<String, T> parse) {
        try {
            return parse.apply(value);
        } catch (InvalidRunSpec | IllegalArgumentException e) {
            throw new TypeConversionException(describe(e));
        }
    }

    /** A refused value in words that do not name the flag, which the caller adds (picocli, or a file's line). */
    static String describe(RuntimeException refusal) {
        if (refusal instanceof InvalidRunSpec invalid) {
            return invalid.problems().stream().map(ProblemText::valueAndReason)
                    .collect(java.util.stream.Collectors.joining("; "));
        }
        return refusal.getMessage();
    }
}
