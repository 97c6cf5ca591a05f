package dev.spotrun.cli;

import com.google.inject.Injector;
import com.google.inject.ProvisionException;

/**
 * Gets an instance from Guice, and reports what could not be built (a cloud client without a region, an
 * adapter that failed) as the failure it is rather than as Guice's wrapper.
 */
final class Provisioning {

    private Provisioning() {
    }

    static <T> T get(Injector injector, Class<T> type) {
        try {
            return injector.getInstance(type);
        } catch (ProvisionException e) {
            throw KnownFailures.provisioning(e);
        }
    }
}
