package dev.spotrun.localcloud;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * One container of the local cloud on the local engine, made, started, watched and removed through docker-java:
 * created with its files in place before it starts, ready once a line appears in its output, and removed with
 * its anonymous volumes, as a machine's disk goes with the machine.
 */
final class EngineContainer {

    private static final long POLL_MILLIS = 25;
    private static final long CALL_SECONDS = 60;

    /** A command run in the container: its exit code and what it printed. */
    record ExecResult(long exitCode, String stdout, String stderr) {
    }

    /** What a container is made of, before it is created. */
    static final class Plan {
        private final String image;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final Map<String, byte[]> files = new LinkedHashMap<>();
        private final Map<String, Integer> modes = new LinkedHashMap<>();
        private Consumer<CreateContainerCmd> settings = cmd -> { };

        Plan(String image) {
            this.image = image;
        }

        Plan labels(Map<String, String> more) {
            labels.putAll(more);
            return this;
        }

        /** A file put in place before the container starts, with its permission bits. */
        Plan file(String path, byte[] content, int mode) {
            files.put(path, content);
            modes.put(path, mode);
            return this;
        }

        /** What else the container is created with (ports, host settings, entrypoint, environment). */
        Plan settings(Consumer<CreateContainerCmd> more) {
            settings = settings.andThen(more);
            return this;
        }
    }

    private final DockerClient docker;
    private final String id;

    private EngineContainer(DockerClient docker, String id) {
        this.docker = docker;
        this.id = id;
    }

    /**
     * Creates the container and copies its files in; the caller {@link #start()}s it, and {@link #remove()}s it
     * when starting fails.
     *
     * @throws IllegalStateException when the engine does not have the image (none is ever pulled)
     */
    static EngineContainer create(DockerClient docker, Plan plan) {
        CreateContainerCmd cmd = docker.createContainerCmd(plan.image).withLabels(plan.labels);
        plan.settings.accept(cmd);
        String id;
        try {
            id = cmd.exec().getId();
        } catch (NotFoundException e) {
            throw new IllegalStateException("the local engine has no image " + plan.image + " (the local cloud never"
                    + " pulls one); build it with scripts/build-images.sh", e);
        }
        EngineContainer container = new EngineContainer(docker, id);
        try {
            if (!plan.files.isEmpty()) {
                docker.copyArchiveToContainerCmd(id).withRemotePath("/")
                        .withTarInputStream(new ByteArrayInputStream(tar(plan))).exec();
            }
            return container;
        } catch (RuntimeException e) {
            container.remove();
            throw e;
        }
    }

    private static byte[] tar(Plan plan) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> file : plan.files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey().replaceFirst("^/+", ""));
                entry.setSize(file.getValue().length);
                entry.setMode(plan.modes.get(file.getKey()));
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    String id() {
        return id;
    }

    void start() {
        docker.startContainerCmd(id).exec();
    }

    /**
     * Waits until the container's output holds {@code line}; fails at once, with its output, if it ends first.
     *
     * @throws IllegalStateException when it ended, or did not print the line within the timeout
     */
    void awaitLog(String line, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            // The state first: a container that printed the line and then ended is still reported as ended.
            boolean running = isRunning();
            String logs = logs();
            if (logs.contains(line)) {
                return;
            }
            if (!running) {
                throw new IllegalStateException(what + " ended before it was ready; its output: " + tail(logs));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " was not ready within " + timeout + "; its output: "
                        + tail(logs));
            }
            pause();
        }
    }

    /** Whether the container runs now; false once it ended or is gone. */
    boolean isRunning() {
        try {
            InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(id).exec().getState();
            return Boolean.TRUE.equals(state.getRunning()) || Boolean.TRUE.equals(state.getRestarting());
        } catch (NotFoundException e) {
            return false;
        }
    }

    InspectContainerResponse inspect() {
        return docker.inspectContainerCmd(id).exec();
    }

    /** Everything the container printed so far, stdout and stderr as they came. */
    String logs() {
        StringBuilder out = new StringBuilder();
        await(docker.logContainerCmd(id).withStdOut(true).withStdErr(true).exec(new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                synchronized (out) {
                    out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
            }
        }), "reading its output");
        synchronized (out) {
            return out.toString();
        }
    }

    /** Runs a command in the container, as root, and returns its exit code and output. */
    ExecResult exec(String... command) {
        String exec = docker.execCreateCmd(id).withCmd(command).withAttachStdout(true).withAttachStderr(true).exec()
                .getId();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        await(docker.execStartCmd(exec).exec(new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                ByteArrayOutputStream to = frame.getStreamType() == StreamType.STDERR ? stderr : stdout;
                synchronized (to) {
                    to.writeBytes(frame.getPayload());
                }
            }
        }), "running " + String.join(" ", command));
        Long code = docker.inspectExecCmd(exec).exec().getExitCodeLong();
        synchronized (stdout) {
            synchronized (stderr) {
                return new ExecResult(code == null ? -1 : code, stdout.toString(StandardCharsets.UTF_8),
                        stderr.toString(StandardCharsets.UTF_8));
            }
        }
    }

    /** Removes the container, running or not, with its anonymous volumes. Idempotent. */
    void remove() {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // Already gone.
        }
    }

    private void await(ResultCallback.Adapter<?> callback, String what) {
        try {
            if (!callback.awaitCompletion(CALL_SECONDS, TimeUnit.SECONDS)) {
                callback.close();
                throw new IllegalStateException("the local engine took longer than " + CALL_SECONDS + " s " + what
                        + " in container " + id);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what + " in container " + id, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a container of the local cloud", e);
        }
    }

    private static String tail(String logs) {
        String trimmed = logs.strip();
        return trimmed.length() <= 2000 ? trimmed : "..." + trimmed.substring(trimmed.length() - 2000);
    }
}
