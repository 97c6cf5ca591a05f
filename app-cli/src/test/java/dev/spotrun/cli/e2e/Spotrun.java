package dev.spotrun.cli.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The built command line ({@code target/spotrun.jar}, made by {@code mvn package} before the integration tests)
 * run as a separate process, with stdout and stderr captured apart, a clean home and only the environment a
 * test gives it.
 */
final class Spotrun {

    static final Path JAR = Path.of("target", "spotrun.jar");

    private final Path dir;
    private final Map<String, String> env = new HashMap<>();
    private boolean ownGroup;

    Spotrun(Path dir) {
        this.dir = dir;
        env.put("HOME", dir.toString());
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        String dockerHost = System.getenv("DOCKER_HOST");
        if (dockerHost != null) {
            env.put("DOCKER_HOST", dockerHost);
        }
    }

    Spotrun env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Spotrun env(Map<String, String> values) {
        env.putAll(values);
        return this;
    }

    /** Only these variables, PATH and HOME: nothing of what the other constructors add. */
    Spotrun onlyEnv(Map<String, String> values) {
        String home = env.get("HOME");
        String path = env.get("PATH");
        env.clear();
        env.put("HOME", home);
        env.put("PATH", path);
        env.putAll(values);
        return this;
    }

    /**
     * Starts it as the leader of a process group of its own (as a shell with job control does), so that a test
     * can signal the whole group as a terminal's Ctrl-C would, without signalling itself.
     */
    Spotrun ownProcessGroup() {
        ownGroup = true;
        return this;
    }

    /** Runs to the end (bounded by {@code limit}) and returns what it did. */
    Result run(Duration limit, String... args) {
        Running running = start(args);
        return running.await(limit);
    }

    /** Starts it and returns at once. */
    Running start(String... args) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run 'mvn package' first");
        }
        List<String> command = new ArrayList<>();
        if (ownGroup) {
            // Not a group leader already, setsid execs in place: the process's id is its group's.
            command.add("setsid");
        }
        // A test JVM started in the background inherits SIGINT ignored, and the JVM then keeps it ignored;
        // env --default-signal gives the child the default disposition that a terminal would.
        command.addAll(List.of("env", "--default-signal=INT", Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(dir, "stdout", ".txt");
            Path err = Files.createTempFile(dir, "stderr", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().clear();
            builder.environment().putAll(env);
            return new Running(builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A started spotrun. */
    static final class Running {
        private final Process process;
        private final Path out;
        private final Path err;

        Running(Process process, Path out, Path err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        /** Waits until its stdout (or stderr) shows what {@code condition} wants, or fails after {@code limit}. */
        void awaitOutput(Predicate<Result> condition, Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (!condition.test(snapshot(-1))) {
                if (System.nanoTime() > deadline || !process.isAlive() && !condition.test(snapshot(-1))) {
                    Result now = snapshot(process.isAlive() ? -1 : process.exitValue());
                    throw new AssertionError("spotrun did not get there in " + limit + ": " + now);
                }
                Thread.sleep(50);
            }
        }

        /** The process id. */
        long pid() {
            return process.pid();
        }

        boolean isAlive() {
            return process.isAlive();
        }

        /** What it printed so far. */
        Result awaitOutputAndSnapshot() {
            return snapshot(-1);
        }

        /** Sends a signal, e.g. {@code INT} or {@code TERM}, as a terminal or a CI runner would. */
        void signal(String name) throws IOException, InterruptedException {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " failed");
            }
        }

        /** Sends a signal to its whole process group; see {@link Spotrun#ownProcessGroup()}. */
        void signalGroup(String name) throws IOException, InterruptedException {
            Process kill = new ProcessBuilder("kill", "-" + name, "--", "-" + process.pid()).start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " -- -" + process.pid() + " failed");
            }
        }

        Result await(Duration limit) {
            try {
                if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new AssertionError("spotrun did not end within " + limit + ": " + snapshot(-1));
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            return snapshot(process.exitValue());
        }

        private Result snapshot(int exitCode) {
            try {
                return new Result(exitCode, Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** What a finished (or, with exit code -1, still running) spotrun did. */
    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }
}
