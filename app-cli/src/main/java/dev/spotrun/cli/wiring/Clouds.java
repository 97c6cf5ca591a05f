package dev.spotrun.cli.wiring;

import dev.spotrun.domain.failure.CloudUnavailable;

/** The clouds this build can open. */
public final class Clouds {

    private Clouds() {
    }

    /** Opens AWS or the local cloud, as the settings say. */
    public static CloudConnector connector() {
        return settings -> {
            throw new CloudUnavailable("the " + settings.cloud().label() + " cloud is not wired yet", null);
        };
    }

    /** Serves the local cloud for other tools. */
    public static LocalCloudServer localServer() {
        return () -> {
            throw new CloudUnavailable("the local cloud is not wired yet", null);
        };
    }
}
