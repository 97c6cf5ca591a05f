package dev.spotrun.localcloud;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as the fault specs write them: {@code 500ms}, {@code 2s}, {@code 1m30s}, {@code 1h}. */
final class Durations {

    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|h|m|s))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|h|m|s)");

    private Durations() {
    }

    /** Parses a positive duration; the message of the exception says what is accepted. */
    static Duration parse(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; use e.g. 500ms, 2s, 1m30s or 1h");
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            });
        }
        if (total.isZero()) {
            throw new IllegalArgumentException("'" + text + "' is zero; a fault needs a positive duration");
        }
        return total;
    }

    /** The shortest text that {@link #parse} reads back as the same duration. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        StringBuilder text = new StringBuilder();
        long hours = millis / 3_600_000;
        long minutes = millis / 60_000 % 60;
        long seconds = millis / 1000 % 60;
        long rest = millis % 1000;
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (minutes > 0) {
            text.append(minutes).append('m');
        }
        if (seconds > 0) {
            text.append(seconds).append('s');
        }
        if (rest > 0 || text.length() == 0) {
            text.append(rest).append("ms");
        }
        return text.toString();
    }
}
