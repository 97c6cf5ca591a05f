package dev.spotrun.aws;

import dev.spotrun.domain.EngineBootstrap;
import dev.spotrun.domain.LaunchRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The user data that turns a fresh machine into a run's Docker host: it installs Docker when the machine has
 * none (dnf, yum or apt), writes the run's engine certificates (the key readable by root only), starts the
 * engine on the bootstrap's port with mutual TLS only (a systemd drop-in where systemd runs, a background
 * daemon elsewhere), and, before anything else can fail, installs the machine's guard: it powers the machine off
 * at its expiry (from the machine's clock) and once no client has been connected to the engine for the run's
 * abandon window (a killed spotrun), and it starts again at every boot (a systemd unit, or a cloud-init
 * per-boot hook). Powered off, an instance launched with shutdown behaviour "terminate" is gone.
 *
 * <p>The script runs as cloud-init runs user data: as root, once, at first boot. It carries the engine's private
 * key, so whoever can read the instance's user data could pose as this run's engine, but only towards this
 * run's client, and could not talk to the engine: that takes the client key, which never leaves spotrun.
 */
public final class BootScript {

    private static final String TEMPLATE = "boot-script.sh";
    private static final String GUARD = "guard.sh";
    /** How often the guard looks for a client at most; a short abandon window is looked at more often. */
    private static final long MAX_CHECK_SECONDS = 10;
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN [A-Z0-9 ]+-----\\n[A-Za-z0-9+/=\\n]+-----END [A-Z0-9 ]+-----\\n?");

    private BootScript() {
    }

    /** The boot script of the machine that {@code request} launches. */
    public static String render(LaunchRequest request) {
        return render(request.engine(), request.expiresAt(), request.abandonAfter());
    }

    /** The boot script of a machine abandoned after {@link LaunchRequest#DEFAULT_ABANDON_AFTER} without a client. */
    public static String render(EngineBootstrap engine, Instant expiresAt) {
        return render(engine, expiresAt, LaunchRequest.DEFAULT_ABANDON_AFTER);
    }

    /**
     * The boot script for an engine configured with {@code engine}, on a machine that ends itself at {@code expiresAt}
     * and once no client has been connected to its engine for {@code abandonAfter}.
     *
     * @throws IllegalArgumentException when the bootstrap's PEM blocks or port are not what a script can hold safely
     */
    public static String render(EngineBootstrap engine, Instant expiresAt, Duration abandonAfter) {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(abandonAfter, "abandonAfter");
        if (engine.port() < 1 || engine.port() > 65535) {
            throw new IllegalArgumentException("not a TCP port: " + engine.port());
        }
        long abandonSeconds = Math.max(1, abandonAfter.toSeconds());
        long checkEvery = Math.max(1, Math.min(MAX_CHECK_SECONDS, abandonSeconds / 6));
        return resource(TEMPLATE)
                .replace("@@GUARD@@", guard())
                .replace("@@PORT@@", Integer.toString(engine.port()))
                .replace("@@EXPIRES_AT@@", Long.toString(expiresAt.getEpochSecond()))
                .replace("@@ABANDON_AFTER@@", Long.toString(abandonSeconds))
                .replace("@@CHECK_EVERY@@", Long.toString(checkEvery))
                .replace("@@CA_CERT@@", pem("CA certificate", engine.caCertPem()))
                .replace("@@SERVER_CERT@@", pem("server certificate", engine.serverCertPem()))
                .replace("@@SERVER_KEY@@", pem("server key", engine.serverKeyPem()));
    }

    /** The PEM block without its last line break; only base64 and armour lines, so it cannot end the here-document. */
    private static String pem(String what, String pem) {
        String normalized = pem.replace("\r\n", "\n");
        if (!PEM.matcher(normalized).matches()) {
            throw new IllegalArgumentException("the " + what + " is not a single PEM block");
        }
        return normalized.endsWith("\n") ? normalized.substring(0, normalized.length() - 1) : normalized;
    }

    /** The guard the boot script installs, without its last line break (it goes into a here-document). */
    static String guard() {
        String guard = resource(GUARD);
        return guard.endsWith("\n") ? guard.substring(0, guard.length() - 1) : guard;
    }

    private static String resource(String name) {
        try (InputStream in = BootScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
