package dev.spotrun.cli.config;

import java.util.Locale;

/** Where machines come from. */
public enum Cloud {
    /** Amazon EC2, through the AWS SDK's default configuration (or {@code AWS_ENDPOINT_URL}). */
    AWS,
    /** The local cloud, started in this process: instances are fake hosts on the local Docker engine. */
    LOCAL;

    /** Parses {@code aws} or {@code local}. */
    public static Cloud parse(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Cloud cloud : values()) {
            if (cloud.label().equals(wanted)) {
                return cloud;
            }
        }
        throw new IllegalArgumentException("unknown cloud '" + text + "'; use aws or local");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
