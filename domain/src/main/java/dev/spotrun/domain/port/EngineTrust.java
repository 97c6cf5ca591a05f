package dev.spotrun.domain.port;

import dev.spotrun.domain.EngineBootstrap;

/**
 * The key material of one run: the half that goes to the machine ({@link #bootstrap()}), and, held by the
 * adapter that made it, the half that stays in this process. Only the adapter that made it can use it.
 */
public interface EngineTrust {

    /** What the machine's boot script installs for its engine. */
    EngineBootstrap bootstrap();
}
