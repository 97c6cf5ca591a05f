package dev.spotrun.cli;

import dev.spotrun.cli.config.Config;
import dev.spotrun.cli.config.UsageError;
import dev.spotrun.domain.failure.Cancelled;
import dev.spotrun.domain.failure.CloudRejected;
import dev.spotrun.domain.failure.CloudUnavailable;
import dev.spotrun.domain.failure.EngineRejected;
import dev.spotrun.domain.failure.EngineUnreachable;
import dev.spotrun.domain.failure.InstanceFailed;
import dev.spotrun.domain.failure.InvalidRunSpec;
import dev.spotrun.domain.failure.SpotrunException;
import dev.spotrun.domain.failure.TerminateFailed;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

/**
 * spotrun's exit codes, as {@code docker run} has them, and the one line that explains a failure. Stack traces
 * only with {@code --debug}.
 */
final class ExitCodes {

    /** Invalid usage or input; nothing was provisioned. */
    static final int USAGE = 2;
    /** spotrun, the cloud or the engine failed. */
    static final int FAILURE = 125;
    /** Ended by SIGINT, after the container was stopped and the machine terminated. */
    static final int SIGINT = 130;
    /** Ended by SIGTERM, likewise. */
    static final int SIGTERM = 143;
    /** Ended by SIGHUP (a closed terminal), likewise: 128 + 1, as shells report it. */
    static final int SIGHUP = 129;

    /** The exit code after a signal, by its name without "SIG": 128 plus its number, as shells report it. */
    static int ofSignal(String name) {
        return switch (name) {
            case "TERM" -> SIGTERM;
            case "HUP" -> SIGHUP;
            default -> SIGINT;
        };
    }

    /** What to do, for failures whose own message does not say it. */
    private static final Map<Class<?>, String> HINTS = Map.of(
            CloudRejected.class, "check the AWS credentials (--profile, AWS_PROFILE) and that the IAM policy from"
                    + " the README is attached",
            CloudUnavailable.class, "check the network, the region and AWS_ENDPOINT_URL, then try again",
            EngineUnreachable.class, "the machine's Docker port 2376 must be reachable from here: check --allow-cidr,"
                    + " --security-group, --subnet and --private-ip",
            EngineRejected.class, "check the container options",
            InstanceFailed.class, "try again; if it keeps failing, check --ami and the instance's console output",
            SpotrunException.class, "run again with --debug for details");

    private ExitCodes() {
    }

    static int of(Throwable failure) {
        if (failure instanceof UsageError || failure instanceof InvalidRunSpec) {
            return USAGE;
        }
        if (failure instanceof Cancelled) {
            return SIGINT;
        }
        return FAILURE;
    }

    /** The failure in one line, with what to do. */
    static String message(Throwable failure) {
        if (failure instanceof InvalidRunSpec invalid) {
            return oneLine("invalid run: " + ProblemText.line(invalid.problems(), Config.empty()));
        }
        if (!(failure instanceof SpotrunException) && !(failure instanceof UsageError)) {
            return oneLine("unexpected failure: " + failure + "; run again with --debug and report it");
        }
        String hint = HINTS.get(failure.getClass());
        String message = String.valueOf(failure.getMessage());
        return oneLine(hint == null ? message : message + "; " + hint);
    }

    /** Prints the failure to {@code err} and returns its exit code. */
    static int report(Throwable failure, boolean debug, PrintStream err) {
        if (debug) {
            failure.printStackTrace(err);
        }
        err.println("spotrun: " + message(failure));
        leftOvers(failure).forEach(warning -> err.println("spotrun: warning: " + warning));
        err.flush();
        return of(failure);
    }

    /**
     * Machines that could not be terminated, hidden among a failure's suppressed exceptions: a machine left
     * running costs money, so this must not hide behind the first failure.
     */
    static Stream<String> leftOvers(Throwable failure) {
        return Arrays.stream(failure.getSuppressed()).filter(TerminateFailed.class::isInstance)
                .map(suppressed -> oneLine(suppressed.getMessage()));
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
