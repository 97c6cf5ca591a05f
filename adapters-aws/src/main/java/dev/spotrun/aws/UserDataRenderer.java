package dev.spotrun.aws;

import dev.spotrun.domain.EngineBootstrap;
import java.time.Instant;

/** Renders a machine's boot script: installs and starts its engine with the run's TLS, and ends it at expiry. */
@FunctionalInterface
interface UserDataRenderer {

    String render(EngineBootstrap engine, Instant expiresAt);
}
