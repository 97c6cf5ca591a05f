package dev.spotrun.cli;

import dev.spotrun.domain.failure.AdapterFailed;
import dev.spotrun.cli.config.UsageError;
import dev.spotrun.domain.failure.SpotrunException;
import java.util.function.Supplier;

/**
 * Builds a cloud's clients, and reports what could not be built (a cloud client without a region, an adapter
 * that failed) as the failure it is: a domain failure or usage error as it was thrown, anything else as the
 * adapter failure it is.
 */
final class Provisioning {

    private Provisioning() {
    }

    static <T> T get(Supplier<T> build) {
        try {
            return build.get();
        } catch (SpotrunException | UsageError e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AdapterFailed("setting up the cloud's clients", e);
        }
    }
}
