package dev.spotrun.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The machine's guard, run for real with {@code sh}: the kernel's socket tables, the power-off and its files are
 * stand-ins of the test's own, everything else is the script the boot script installs.
 */
class GuardTest {

    private static final String LISTENING = "   0: 00000000:0948 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0\n";
    private static final String CONNECTED = "   1: 0200000A:0948 0100000A:D2F0 01 00000000:00000000 00:00000000 00000000     0\n";
    private static final String OTHER_PORT = "   2: 0200000A:0016 0100000A:D2F1 01 00000000:00000000 00:00000000 00000000     0\n";
    private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid\n";

    @TempDir
    Path dir;
    private Process guard;

    @AfterEach
    void stop() {
        if (guard != null) {
            guard.destroyForcibly();
        }
    }

    private void start(long expiresInSeconds, long abandonAfterSeconds, String sockets) throws IOException {
        Files.writeString(dir.resolve("tcp"), HEADER + sockets);
        Files.writeString(dir.resolve("guard.env"), "EXPIRES_AT=" + (Instant.now().getEpochSecond() + expiresInSeconds)
                + "\nABANDON_AFTER=" + abandonAfterSeconds + "\nCHECK_EVERY=1\nPORT=2376\n"
                + "NET_TCP=" + dir.resolve("tcp") + "\nPID_FILE=" + dir.resolve("guard.pid")
                + "\nPOWER_OFF='touch " + dir.resolve("off") + "'\n");
        Path script = dir.resolve("spotrun-guard");
        Files.writeString(script, BootScript.guard() + "\n");
        ProcessBuilder builder = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("log").toFile());
        builder.environment().put("GUARD_ENV", dir.resolve("guard.env").toString());
        guard = builder.start();
    }

    private boolean poweredOffWithin(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(dir.resolve("off"))) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private String log() throws IOException {
        return Files.readString(dir.resolve("log"), StandardCharsets.UTF_8);
    }

    @Test
    void powersOffAtTheExpiry() throws Exception {
        start(2, 3600, CONNECTED);
        assertThat(poweredOffWithin(Duration.ofSeconds(6))).as(log()).isTrue();
        assertThat(log()).contains("expired: powering off");
    }

    @Test
    void powersOffOnceNoClientWasConnectedForTheAbandonWindow() throws Exception {
        start(3600, 2, LISTENING + OTHER_PORT);
        assertThat(poweredOffWithin(Duration.ofSeconds(8))).as(log()).isTrue();
        assertThat(log()).contains("no spotrun client for 2s: powering off");
    }

    @Test
    void aConnectedClientKeepsTheMachineUntilItIsGone() throws Exception {
        start(3600, 2, LISTENING + CONNECTED);
        assertThat(poweredOffWithin(Duration.ofSeconds(5))).as("a client is connected: " + log()).isFalse();
        Files.writeString(dir.resolve("tcp"), HEADER + LISTENING);
        assertThat(poweredOffWithin(Duration.ofSeconds(8))).as(log()).isTrue();
    }

    @Test
    void theWindowOpensOnlyOnceTheEngineListens() throws Exception {
        start(3600, 1, "");
        assertThat(poweredOffWithin(Duration.ofSeconds(4))).as("the engine is still being installed: " + log())
                .isFalse();
        Files.writeString(dir.resolve("tcp"), HEADER + LISTENING);
        assertThat(poweredOffWithin(Duration.ofSeconds(6))).as(log()).isTrue();
    }

    @Test
    void aSecondGuardOfTheSameBootLeavesAtOnce() throws Exception {
        start(3600, 3600, LISTENING + CONNECTED);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!Files.exists(dir.resolve("guard.pid")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        ProcessBuilder second = new ProcessBuilder("sh", dir.resolve("spotrun-guard").toString());
        second.environment().put("GUARD_ENV", dir.resolve("guard.env").toString());
        Process other = second.start();
        assertThat(other.waitFor(5, TimeUnit.SECONDS)).as("the second guard ended").isTrue();
        assertThat(other.exitValue()).isZero();
        assertThat(guard.isAlive()).isTrue();
    }
}
