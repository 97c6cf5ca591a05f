package dev.spotrun.cli.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations as people type them: {@code 90s}, {@code 10m}, {@code 6h}, {@code 1h30m}, {@code 250ms}, {@code 2d}. */
public final class DurationParser {

    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|[smhd]))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|[smhd])");
    /**
     * The longest duration read: far beyond any time limit a run has (7 days), yet short enough that adding up a
     * few of them, or adding one to the clock, never overflows.
     */
    public static final Duration LONGEST = Duration.ofDays(1000);

    private DurationParser() {
    }

    /**
     * Parses a duration of at most {@link #LONGEST}.
     *
     * @throws IllegalArgumentException with a message that shows the accepted forms
     */
    public static Duration parse(String text) {
        String trimmed = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (!WHOLE.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; use a number with a unit,"
                    + " e.g. 90s, 10m, 6h or 1h30m");
        }
        try {
            Duration sum = Duration.ZERO;
            Matcher part = PART.matcher(trimmed);
            while (part.find()) {
                sum = sum.plus(unit(Long.parseLong(part.group(1)), part.group(2)));
            }
            if (sum.compareTo(LONGEST) <= 0) {
                return sum;
            }
        } catch (ArithmeticException | NumberFormatException tooLarge) {
            // Refused below, as any other duration that is too long.
        }
        throw new IllegalArgumentException("'" + text + "' is far too long; a run's time limits are at most 7 days"
                + " (7d)");
    }

    private static Duration unit(long amount, String unit) {
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
