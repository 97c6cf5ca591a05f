package dev.spotrun.domain;

import java.time.Duration;

/** Durations as people write them: {@code 90s}, {@code 6h40m}, {@code 250ms}. */
public final class Durations {

    private Durations() {
    }

    public static String format(Duration d) {
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
        if (d.isZero()) {
            return "0s";
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return d.toMillis() + "ms";
        }
        StringBuilder sb = new StringBuilder();
        long hours = d.toHours();
        int minutes = d.toMinutesPart();
        int seconds = d.toSecondsPart();
        if (hours > 0) {
            sb.append(hours).append('h');
        }
        if (minutes > 0) {
            sb.append(minutes).append('m');
        }
        if (seconds > 0 || sb.length() == 0) {
            sb.append(seconds);
            int tenths = d.toMillisPart() / 100;
            if (hours == 0 && minutes == 0 && tenths > 0) {
                sb.append('.').append(tenths);
            }
            sb.append('s');
        }
        return sb.toString();
    }
}
