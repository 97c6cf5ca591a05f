package dev.spotrun.docker;

import com.github.dockerjava.api.exception.DockerException;
import dev.spotrun.domain.failure.Cancelled;
import dev.spotrun.domain.failure.EngineRejected;
import dev.spotrun.domain.failure.EngineUnreachable;
import dev.spotrun.domain.failure.SpotrunException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.cert.CertificateException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns what docker-java and the transport throw into the domain's failures, for one engine address. */
final class EngineFailures {

    private static final Pattern DAEMON_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String address;
    private volatile Runnable lostListener = () -> { };

    EngineFailures(String address) {
        this.address = address;
    }

    /** Who is told, at once, that a connection to the engine broke (see ContainerEngine#onConnectionLost). */
    void onConnectionLost(Runnable listener) {
        this.lostListener = listener;
    }

    /** A streaming connection broke and is being reconnected: whoever listens may ask the cloud meanwhile. */
    void connectionLost() {
        try {
            lostListener.run();
        } catch (RuntimeException ignored) {
            // A listener's trouble must not stop the reconnect.
        }
    }

    String address() {
        return address;
    }

    /** The failure for {@code e}, thrown while doing {@code operation} (e.g. "start container 1a2b"). */
    SpotrunException translate(String operation, Throwable e) {
        if (e instanceof SpotrunException known) {
            return known;
        }
        if (interrupted(e)) {
            return cancelled(operation);
        }
        if (find(e, CertificateException.class) != null) {
            // Not this run's engine (yet): the lifecycle keeps pinging until its boot deadline, then says why.
            return new EngineUnreachable(address, EngineUnreachable.Reason.TLS, "it presented a certificate that this"
                    + " run did not issue, so spotrun refuses to talk to it (" + operation + ")", e);
        }
        if (e instanceof DockerException docker) {
            return new EngineRejected("the engine at " + address + " refused to " + operation + ": "
                    + daemonMessage(docker), e);
        }
        if (find(e, IOException.class) != null) {
            return unreachable(operation, e);
        }
        return new EngineRejected("could not " + operation + " on the engine at " + address + ": " + e, e);
    }

    EngineUnreachable unreachable(String operation, Throwable e) {
        IOException io = find(e, IOException.class);
        Throwable reason = io != null ? io : e;
        String detail = reason.getMessage() == null ? reason.getClass().getSimpleName() : reason.getMessage();
        // A TLS handshake that failed had a connection: the firewall let it through, trust did not.
        EngineUnreachable.Reason why = find(e, javax.net.ssl.SSLException.class) != null
                ? EngineUnreachable.Reason.TLS : EngineUnreachable.Reason.NETWORK;
        return new EngineUnreachable(address, why, operation + " failed: " + detail, e);
    }

    /** Marks the thread interrupted again (the caller's code decides what to do with it) and says so. */
    static Cancelled cancelled(String operation) {
        Thread.currentThread().interrupt();
        return new Cancelled("interrupted while waiting to " + operation);
    }

    static boolean interrupted(Throwable e) {
        return find(e, InterruptedException.class) != null
                || (find(e, InterruptedIOException.class) != null
                && !(find(e, InterruptedIOException.class) instanceof java.net.SocketTimeoutException));
    }

    /** Whether the failure says the connection to the engine broke (worth reconnecting), not a refusal. */
    static boolean connectionBroke(Throwable e) {
        return !(e instanceof DockerException) && find(e, CertificateException.class) == null
                && find(e, IOException.class) != null && !interrupted(e);
    }

    /** The daemon's own words, from the JSON body docker-java puts into its exception message. */
    static String daemonMessage(DockerException e) {
        String text = e.getMessage() == null ? "" : e.getMessage();
        Matcher m = DAEMON_MESSAGE.matcher(text);
        String message = m.find() ? m.group(1).replace("\\\"", "\"").replace("\\n", " ") : text;
        return message.strip();
    }

    static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
