package dev.spotrun.cli.e2e.campaign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Processes the campaign starts as a user's shell would: each in a process group of its own (so that a signal
 * reaches it as a terminal's Ctrl-C does, to the whole group) with SIGINT at its default (a test JVM started in
 * the background has it ignored, and a child would inherit that), and nothing from this JVM's environment but
 * what a test gives it.
 */
final class Processes {

    /** The built command line, made by {@code mvn package} before the integration tests. */
    static final Path JAR = Path.of("target", "spotrun.jar").toAbsolutePath();

    private Processes() {
    }

    /** {@code java -jar spotrun.jar ARGS} in a new process group, stdout and stderr to files. */
    static Process spotrun(Path dir, Map<String, String> env, Path out, Path err, List<String> args) {
        List<String> command = new ArrayList<>(List.of("setsid", "env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().put("HOME", dir.toString());
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        String dockerHost = System.getenv("DOCKER_HOST");
        if (dockerHost != null) {
            builder.environment().put("DOCKER_HOST", dockerHost);
        }
        builder.environment().putAll(env);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code signal} (INT, TERM, HUP, KILL) to the process's whole group, as {@code kill -SIG -- -PGID}. */
    static void signalGroup(Process process, String signal) {
        run("kill", "-" + signal, "--", "-" + process.pid());
    }

    /** Runs a short command to its end and returns its output; fails the campaign when it fails. */
    static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the end; kills the group when it takes longer. Returns the exit code, or -1 when it was killed. */
    static int await(Process process, java.time.Duration limit) throws InterruptedException {
        if (process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        signalGroup(process, "KILL");
        process.waitFor(30, TimeUnit.SECONDS);
        return -1;
    }
}
