package dev.spotrun.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.WaitResponse;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.spotrun.domain.ContainerSpec;
import dev.spotrun.domain.ImageRef;
import dev.spotrun.domain.Phase;
import dev.spotrun.domain.PullProgress;
import dev.spotrun.domain.RegistryCredentials;
import dev.spotrun.domain.failure.EngineUnreachable;
import dev.spotrun.domain.failure.ImageNotFound;
import dev.spotrun.domain.failure.TimedOut;
import dev.spotrun.domain.port.ContainerEngine;
import dev.spotrun.domain.port.LogSink;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One machine's Docker engine, reached over mutual TLS with docker-java and its httpclient5 transport.
 * Blocking calls run on threads of their own ({@link Calls}) so that an interrupted caller gets
 * {@link dev.spotrun.domain.failure.Cancelled} at once.
 */
final class DockerEngine implements ContainerEngine {

    static final Duration PING_TIMEOUT = Duration.ofSeconds(10);
    private static final int WAIT_RECONNECTS = 5;

    private final DockerHttpClient http;
    private final DockerClient docker;
    private final EngineFailures failures;
    private final Calls calls;
    private final Duration reconnectWindow;
    private final Set<LogFollower> followers = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    DockerEngine(String address, DockerHttpClient http, DockerClient docker, Duration reconnectWindow) {
        this.http = http;
        this.docker = docker;
        this.failures = new EngineFailures(address);
        this.calls = new Calls("spotrun-engine-" + address, failures);
        this.reconnectWindow = reconnectWindow;
    }

    @Override
    public String ping() {
        try {
            return calls.run("ping", PING_TIMEOUT, this::pingOnce, () -> { });
        } catch (Calls.OutOfTime e) {
            throw new EngineUnreachable(failures.address(), "no answer to a ping within " + PING_TIMEOUT.toSeconds() + " s", null);
        }
    }

    private String pingOnce() throws IOException {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET).path("/_ping").build();
        try (DockerHttpClient.Response response = http.execute(request)) {
            if (response.getStatusCode() != 200) {
                throw new EngineUnreachable(failures.address(), "the ping was answered with HTTP " + response.getStatusCode(), null);
            }
            String version = response.getHeader("Api-Version");
            return version != null ? version : docker.versionCmd().exec().getApiVersion();
        }
    }

    @Override
    public void pull(ImageRef image, RegistryCredentials credentials, Duration timeout, Consumer<PullProgress> progress) {
        new ImagePull(docker, failures).pull(image, credentials, timeout, progress);
    }

    @Override
    public String create(ContainerSpec spec) {
        return calls.run("create a container of " + spec.image(), () -> {
            try {
                return CreateCommand.fill(docker.createContainerCmd(spec.image()), spec).exec().getId();
            } catch (NotFoundException e) {
                throw new ImageNotFound(spec.image(), e);
            }
        });
    }

    @Override
    public void start(String containerId) {
        calls.run("start container " + containerId, () -> {
            try {
                docker.startContainerCmd(containerId).exec();
            } catch (NotModifiedException alreadyStarted) {
                // Starting a running container changes nothing, as docker start.
            }
            return null;
        });
    }

    @Override
    public void streamLogs(String containerId, LogSink sink) {
        String operation = "follow the output of container " + containerId;
        LogFollower follower = new LogFollower(http, containerId, failures, () -> running(containerId), reconnectWindow);
        followers.add(follower);
        try {
            calls.start(operation, follower::read);
            follower.deliver(sink);
        } catch (InterruptedException e) {
            follower.stop();
            throw EngineFailures.cancelled(operation);
        } catch (RuntimeException | Error e) {
            // Also when the sink throws: the reader must not wait for a caller that is gone.
            follower.stop();
            throw e;
        } finally {
            followers.remove(follower);
        }
    }

    @Override
    public int awaitExit(String containerId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int reconnects = 0; ; reconnects++) {
            try {
                return awaitExitOnce(containerId, timeout, deadline);
            } catch (RuntimeException e) {
                if (e instanceof TimedOut || closed || reconnects >= WAIT_RECONNECTS
                        || !EngineFailures.connectionBroke(e) || System.nanoTime() > deadline) {
                    throw failures.translate("wait for container " + containerId, e);
                }
                // Waiting is idempotent: an exited container answers a new wait at once with its code.
                pauseBeforeReconnect(reconnects);
            }
        }
    }

    private int awaitExitOnce(String containerId, Duration timeout, long deadline) {
        AtomicReference<Integer> code = new AtomicReference<>();
        Streamed<WaitResponse> call = docker.waitContainerCmd(containerId)
                .exec(new Streamed<>(response -> code.set(response.getStatusCode())));
        boolean done;
        try {
            done = call.await(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            call.abort();
            throw EngineFailures.cancelled("wait for container " + containerId);
        }
        if (!done) {
            throw new TimedOut(Phase.RUN, timeout, "container " + containerId + " still runs");
        }
        if (code.get() == null) {
            throw new EngineUnreachable(failures.address(), "the wait for container " + containerId
                    + " ended without an exit code", null);
        }
        return code.get();
    }

    @Override
    public void stop(String containerId, Duration grace) {
        int seconds = (int) Math.min(Integer.MAX_VALUE, grace.toSeconds() + (grace.toNanosPart() > 0 ? 1 : 0));
        calls.run("stop container " + containerId, () -> {
            try {
                docker.stopContainerCmd(containerId).withTimeout(seconds).exec();
            } catch (NotModifiedException alreadyStopped) {
                // Stopping a stopped container succeeds.
            }
            return null;
        });
    }

    @Override
    public void remove(String containerId) {
        calls.run("remove container " + containerId, () -> {
            try {
                docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
            } catch (NotFoundException alreadyGone) {
                // Removing an absent container succeeds.
            }
            return null;
        });
    }

    @Override
    public void close() {
        closed = true;
        followers.forEach(LogFollower::stop);
        calls.close();
        try {
            docker.close();
        } catch (IOException | RuntimeException ignored) {
            // The connection is going away either way.
        }
    }

    /** Whether the container still runs; a container that is gone does not. */
    private boolean running(String containerId) {
        try {
            InspectContainerResponse inspected = docker.inspectContainerCmd(containerId).exec();
            return inspected.getState() != null && Boolean.TRUE.equals(inspected.getState().getRunning());
        } catch (NotFoundException gone) {
            return false;
        }
    }

    private static void pauseBeforeReconnect(int reconnects) {
        try {
            Thread.sleep(Math.min(2000, 100L << reconnects));
        } catch (InterruptedException e) {
            throw EngineFailures.cancelled("reconnect to the engine");
        }
    }

    @Override
    public String toString() {
        return "DockerEngine[" + failures.address() + "]";
    }
}
