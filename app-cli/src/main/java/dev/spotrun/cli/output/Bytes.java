package dev.spotrun.cli.output;

import java.util.Locale;

/** Byte counts for people: {@code 512 B}, {@code 1.5 MB}. Decimal units, as Docker prints them. */
final class Bytes {

    private static final String[] UNITS = {"kB", "MB", "GB", "TB"};

    private Bytes() {
    }

    static String format(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
