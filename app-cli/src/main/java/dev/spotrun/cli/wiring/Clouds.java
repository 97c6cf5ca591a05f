package dev.spotrun.cli.wiring;

import dev.spotrun.cli.config.CloudSettings;
import dev.spotrun.domain.failure.CloudUnavailable;

/** The clouds this build can open: a switch over the choice, one module per cloud. */
public final class Clouds {

    private Clouds() {
    }

    /** Opens AWS or the local cloud, as the settings say. */
    public static CloudConnector connector() {
        return settings -> switch (settings.cloud()) {
            case AWS -> aws(settings);
            case LOCAL -> throw new CloudUnavailable("the local cloud is not wired yet", null);
        };
    }

    /** Serves the local cloud for other tools. */
    public static LocalCloudServer localServer() {
        return () -> {
            throw new CloudUnavailable("the local cloud is not wired yet", null);
        };
    }

    static CloudSession aws(CloudSettings settings) {
        Closer closer = new Closer();
        AwsModule module = new AwsModule(settings, closer);
        return new CloudSession() {
            @Override
            public com.google.inject.Module module() {
                return module;
            }

            @Override
            public void close() {
                closer.close();
            }
        };
    }
}
