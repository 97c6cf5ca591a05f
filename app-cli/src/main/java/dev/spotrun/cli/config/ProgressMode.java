package dev.spotrun.cli.config;

import java.util.Locale;

/** How spotrun reports its own progress on stderr. */
public enum ProgressMode {
    /** A live display when stderr is a terminal, plain lines otherwise. */
    AUTO,
    /** A redrawn display, for terminals. */
    LIVE,
    /** One timestamped line per step, for CI logs. */
    PLAIN,
    /** Nothing but errors ({@code --quiet}). */
    NONE;

    /** Parses {@code auto}, {@code live}, {@code plain} or {@code none}. */
    public static ProgressMode parse(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (ProgressMode mode : values()) {
            if (mode.label().equals(wanted)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown progress mode '" + text + "'; use auto, live, plain or none");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode to use, given whether stderr is a terminal. */
    public ProgressMode resolve(boolean stderrIsTerminal) {
        if (this != AUTO) {
            return this;
        }
        return stderrIsTerminal ? LIVE : PLAIN;
    }
}
