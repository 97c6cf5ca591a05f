package dev.spotrun.cli;

import com.google.inject.ProvisionException;
import dev.spotrun.cli.config.UsageError;
import dev.spotrun.domain.failure.AdapterFailed;
import dev.spotrun.domain.failure.SpotrunException;
import java.nio.file.InvalidPathException;

/**
 * Turns the exceptions of the command line's own libraries that are known to reach it into what they mean:
 * Guice's wrapper into what it wraps, a path the file system refuses into a usage error. Anything else is
 * left as it is: a true bug, which the command line reports as such.
 */
final class KnownFailures {

    private KnownFailures() {
    }

    /** The failure {@code thrown} stands for: itself, unless it is one of the wrappers above. */
    static Throwable of(Throwable thrown) {
        if (thrown instanceof ProvisionException provision) {
            return provisioning(provision);
        }
        if (thrown instanceof InvalidPathException path) {
            return new UsageError("'" + path.getInput().replace("\0", "\\0") + "' is not a path this system accepts ("
                    + path.getReason() + "); give another path", path);
        }
        return thrown;
    }

    /**
     * What failed while Guice built an object: a domain failure or usage error as it was thrown (e.g. a cloud
     * client without a region), anything else as the adapter failure it is.
     */
    static RuntimeException provisioning(ProvisionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof SpotrunException || cause instanceof UsageError) {
            return (RuntimeException) cause;
        }
        return new AdapterFailed("setting up the cloud's clients", cause == null ? e : cause);
    }
}
