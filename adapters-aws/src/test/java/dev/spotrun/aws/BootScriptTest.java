package dev.spotrun.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotrun.domain.EngineBootstrap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BootScriptTest {

    private static final String CA = pem("CERTIFICATE", "Q0EgY2VydGlmaWNhdGU=");
    private static final String CERT = pem("CERTIFICATE", "c2VydmVyIGNlcnRpZmljYXRl");
    private static final String KEY = pem("PRIVATE KEY", "c2VydmVyIGtleQ==");
    private static final Instant EXPIRY = Instant.parse("2030-05-06T07:08:09Z");
    private final EngineBootstrap bootstrap = new EngineBootstrap(2376, CA, CERT, KEY);

    @Test
    void holds_the_material_the_port_and_the_expiry() {
        String script = BootScript.render(bootstrap, EXPIRY);

        assertThat(script).startsWith("#!/bin/bash\n").doesNotContain("@@")
                .contains(CA).contains(CERT).contains(KEY)
                .contains("PORT=2376\n").contains("EXPIRES_AT=" + EXPIRY.getEpochSecond() + "\n");
        assertThat(script.getBytes(StandardCharsets.UTF_8).length).as("EC2 user data limit").isLessThan(16 * 1024);
    }

    @Test
    void starts_the_engine_with_mutual_tls_only_and_keeps_the_key_private() {
        String script = BootScript.render(bootstrap, EXPIRY);

        assertThat(script).contains("--tlsverify").contains("-H tcp://0.0.0.0:$PORT")
                .contains("chmod 0600 \"$TLS_DIR/server-key.pem\"").doesNotContain("2375");
        assertThat(script.indexOf("\ninstall_guard\n")).as("the guard is installed before anything can fail")
                .isPositive().isLessThan(script.indexOf("install_docker ||"));
    }

    @Test
    void installs_the_guard_with_the_expiry_and_the_abandon_window_to_start_at_every_boot() {
        String script = BootScript.render(bootstrap, EXPIRY, Duration.ofSeconds(90));

        assertThat(script).contains("ABANDON_AFTER=90\n").contains("CHECK_EVERY=10\n")
                .contains(BootScript.guard()).contains("/var/lib/cloud/scripts/per-boot/spotrun-guard")
                .contains("systemctl daemon-reload && systemctl enable --now spotrun-guard.service")
                .contains("WantedBy=multi-user.target");
        assertThat(BootScript.render(bootstrap, EXPIRY, Duration.ofSeconds(12))).as("a short window is looked at often")
                .contains("ABANDON_AFTER=12\n").contains("CHECK_EVERY=2\n");
        assertThat(BootScript.render(bootstrap, EXPIRY)).as("the default window")
                .contains("ABANDON_AFTER=300\n");
        assertThat(script.getBytes(StandardCharsets.UTF_8).length).as("EC2 user data limit, with room for real keys")
                .isLessThan(12 * 1024);
    }

    @Test
    void the_guard_is_installed_whole_through_a_quoted_here_document(@TempDir Path dir)
            throws IOException, InterruptedException {
        String script = BootScript.render(bootstrap, EXPIRY, Duration.ofSeconds(90));
        String body = script.substring(script.indexOf("cat >/usr/local/sbin/spotrun-guard"),
                script.indexOf("chmod 0755 /usr/local/sbin/spotrun-guard"));
        Path guard = dir.resolve("guard");
        Process run = new ProcessBuilder("sh", "-c", body.replace("/usr/local/sbin/spotrun-guard", guard.toString()))
                .redirectErrorStream(true).start();
        assertThat(run.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).isZero();
        assertThat(Files.readString(guard)).isEqualTo(BootScript.guard() + "\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bash", "dash"})
    void is_valid_shell(String shell, @TempDir Path dir) throws IOException, InterruptedException {
        Path script = dir.resolve("user-data");
        Files.writeString(script, BootScript.render(bootstrap, EXPIRY));
        Process check = new ProcessBuilder(shell, "-n", script.toString()).redirectErrorStream(true).start();
        assertThat(check.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
        assertThat(check.exitValue()).isZero();
    }

    @Test
    void writes_each_pem_block_whole_through_a_quoted_here_document(@TempDir Path dir) throws IOException, InterruptedException {
        // Run only the part that writes the files, into a directory of the test's own.
        String script = BootScript.render(bootstrap, EXPIRY);
        String writer = script.substring(script.indexOf("write_tls() {"), script.indexOf("tls_flags() {"));
        Process run = new ProcessBuilder("sh", "-c", "TLS_DIR=" + dir + "\n" + writer + "\nwrite_tls")
                .redirectErrorStream(true).start();
        assertThat(run.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).isZero();
        assertThat(Files.readString(dir.resolve("ca.pem"))).isEqualTo(CA);
        assertThat(Files.readString(dir.resolve("server-cert.pem"))).isEqualTo(CERT);
        assertThat(Files.readString(dir.resolve("server-key.pem"))).isEqualTo(KEY);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("server-key.pem")))).isEqualTo("rw-------");
    }

    @Test
    void refuses_material_that_is_not_plain_pem() {
        EngineBootstrap injected = new EngineBootstrap(2376, CA + "SPOTRUN_PEM\nrm -rf /\n", CERT, KEY);
        assertThatThrownBy(() -> BootScript.render(injected, EXPIRY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CA certificate");
        assertThatThrownBy(() -> BootScript.render(new EngineBootstrap(0, CA, CERT, KEY), EXPIRY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BootScript.render(new EngineBootstrap(2376, CA, CERT, "$(reboot)"), EXPIRY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("server key");
    }

    private static String pem(String type, String base64) {
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }
}
