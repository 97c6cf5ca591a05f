package dev.spotrun.cli.wiring;

import dev.spotrun.cli.config.CloudSettings;

/** Opens the cloud a command asked for. */
@FunctionalInterface
public interface CloudConnector {

    /**
     * Opens the cloud. For AWS this only prepares the wiring; the local cloud is started here.
     *
     * @throws dev.spotrun.domain.failure.SpotrunException when it cannot be opened
     */
    CloudSession open(CloudSettings settings);
}
