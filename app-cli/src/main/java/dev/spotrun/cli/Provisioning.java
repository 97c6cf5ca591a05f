package dev.spotrun.cli;

import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import dev.spotrun.domain.failure.CloudRejected;
import dev.spotrun.domain.failure.SpotrunException;

/**
 * Gets an instance from Guice, and reports a cloud client that cannot be built (no region, a profile that does
 * not exist) as the cloud refusing the request rather than as Guice's wrapper.
 */
final class Provisioning {

    private Provisioning() {
    }

    static <T> T get(Injector injector, Class<T> type) {
        try {
            return injector.getInstance(type);
        } catch (ProvisionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof SpotrunException known) {
                throw known;
            }
            throw new CloudRejected("ClientConfiguration", "the cloud client could not be set up: "
                    + cause.getMessage() + "; give --region (or set AWS_REGION) and a valid --profile", cause);
        }
    }
}
