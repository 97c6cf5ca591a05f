package dev.spotrun.aws;

import dev.spotrun.domain.LaunchRequest;

/**
 * Renders a machine's boot script: installs and starts its engine with the run's TLS, and ends the machine at its
 * expiry and when no client has been connected for the request's abandon window.
 */
@FunctionalInterface
interface UserDataRenderer {

    String render(LaunchRequest request);
}
