package dev.spotrun.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.WaitResponse;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.spotrun.domain.Artifact;
import dev.spotrun.domain.ArtifactReport;
import dev.spotrun.domain.ContainerSpec;
import dev.spotrun.domain.CopyIn;
import dev.spotrun.domain.CopyTally;
import dev.spotrun.domain.ImageRef;
import dev.spotrun.domain.PullProgress;
import dev.spotrun.domain.RegistryCredentials;
import dev.spotrun.domain.Retry;
import dev.spotrun.domain.failure.EngineUnreachable;
import dev.spotrun.domain.failure.ImageNotFound;
import dev.spotrun.domain.port.ContainerEngine;
import dev.spotrun.domain.port.LogSink;
import dev.spotrun.domain.port.Sleeper;
import java.io.EOFException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One machine's Docker engine, reached over mutual TLS with docker-java on {@link EngineHttp}. Blocking calls
 * run on threads of their own ({@link Calls}) so that an interrupted caller gets
 * {@link dev.spotrun.domain.failure.Cancelled} at once, and every call but the output has a read timeout:
 * a connection that went silent fails the call instead of hanging it.
 */
final class DockerEngine implements ContainerEngine, ExitWait.Engine {

    static final Duration PING_TIMEOUT = Duration.ofSeconds(10);
    /** How long create, start, inspect, remove and the like may take to answer. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    /** A pull whose connection broke is asked again a few times, quickly: the engine has what it pulled so far. */
    private static final Retry PULL_RETRY = new Retry(Duration.ofMillis(200), Duration.ofSeconds(2),
            Duration.ofMinutes(5), 5);
    /** How long one look at a container, while waiting for its exit, may take. */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(10);

    private final EngineHttp http;
    private final EngineConfig config;
    private final DockerClient docker;
    private final DockerClient checks;
    private final DockerClient waits;
    private final DockerClient pulls;
    private final EngineFailures failures;
    private final Calls calls;
    private final ArchiveCopies archives;
    private final Duration reconnectWindow;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Set<LogFollower> followers = ConcurrentHashMap.newKeySet();
    private final Map<String, Attachment> attachments = new ConcurrentHashMap<>();
    private volatile boolean closed;

    DockerEngine(String address, EngineHttp http, EngineConfig config, Duration reconnectWindow, Clock clock,
                 Sleeper sleeper) {
        this.http = http;
        this.config = config;
        this.docker = client(CALL_TIMEOUT, CALL_TIMEOUT);
        this.checks = client(CHECK_TIMEOUT, CHECK_TIMEOUT);
        this.waits = client(CALL_TIMEOUT, ExitWait.SLICE);
        // A pull's progress may pause for long; the pull's own timeout bounds it.
        this.pulls = client(null, null);
        this.failures = new EngineFailures(address);
        this.calls = new Calls("spotrun-engine-" + address, failures);
        this.archives = new ArchiveCopies(http, calls);
        this.reconnectWindow = reconnectWindow;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    private DockerClient client(Duration answerTimeout, Duration bodyTimeout) {
        return DockerClientImpl.getInstance(config, http.client(answerTimeout, bodyTimeout));
    }

    @Override
    public String ping() {
        try {
            return calls.run("ping", PING_TIMEOUT, this::pingOnce, () -> { });
        } catch (Calls.OutOfTime e) {
            throw new EngineUnreachable(failures.address(), "no answer to a ping within " + PING_TIMEOUT.toSeconds() + " s", null);
        }
    }

    private String pingOnce() {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET).path("/_ping").build();
        try (DockerHttpClient.Response response = http.execute(request, PING_TIMEOUT, PING_TIMEOUT)) {
            if (response.getStatusCode() != 200) {
                throw new EngineUnreachable(failures.address(), "the ping was answered with HTTP " + response.getStatusCode(), null);
            }
            String version = response.getHeader("Api-Version");
            return version != null ? version : docker.versionCmd().exec().getApiVersion();
        }
    }

    /**
     * A pull whose connection to the engine broke is asked again, within the pull's own time: the engine keeps
     * the layers it has, so asking again continues rather than starts over.
     */
    @Override
    public void pull(ImageRef image, RegistryCredentials credentials, Duration timeout, Consumer<PullProgress> progress) {
        Instant deadline = clock.instant().plus(timeout);
        PULL_RETRY.run(clock, Retry.interruptibly(sleeper),
                e -> e instanceof EngineUnreachable && clock.instant().isBefore(deadline) && !closed,
                (e, tryNumber, again) -> failures.connectionLost(), () -> {
                    Duration left = Duration.between(clock.instant(), deadline);
                    new ImagePull(pulls, failures).pull(image, credentials, left.isNegative() ? Duration.ZERO : left,
                            progress);
                    return null;
                });
    }

    @Override
    public void onConnectionLost(Runnable listener) {
        failures.onConnectionLost(listener);
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
    public void attach(String containerId) {
        Attachment attachment = calls.run("attach to container " + containerId,
                () -> Attachment.open(http, docker, failures, containerId));
        if (attachment != null) {
            Attachment before = attachments.put(containerId, attachment);
            if (before != null) {
                before.close();
            }
            if (closed) {
                closeAttachments();
            }
        }
    }

    @Override
    public CopyTally copyIn(String containerId, CopyIn copy, Consumer<CopyTally> progress) {
        return archives.copyIn(containerId, copy, progress);
    }

    @Override
    public ArtifactReport copyOut(String id, Artifact artifact, boolean overwrite, Consumer<CopyTally> progress) {
        return archives.copyOut(id, artifact, overwrite, progress);
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
        Attachment attachment = attachments.remove(containerId);
        LogFollower follower = new LogFollower(http, containerId, failures, () -> running(containerId),
                reconnectWindow, clock, sleeper, attachment == null ? null : attachment.response());
        followers.add(follower);
        try {
            if (closed) {
                follower.stop();
            }
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
        return new ExitWait(this, failures, clock, sleeper).await(containerId, timeout);
    }

    @Override
    public Integer exitWithin(String containerId, Duration slice) {
        AtomicReference<Integer> code = new AtomicReference<>();
        Streamed<WaitResponse> call = waits.waitContainerCmd(containerId)
                .exec(new Streamed<>(response -> code.set(response.getStatusCode())));
        boolean done;
        try {
            done = call.await(slice);
        } catch (InterruptedException e) {
            call.abort();
            throw EngineFailures.cancelled("wait for container " + containerId);
        } catch (RuntimeException e) {
            if (EngineFailures.find(e, SocketTimeoutException.class) != null) {
                return null;
            }
            throw e;
        }
        if (done && code.get() == null) {
            throw new UncheckedIOException(new EOFException("the wait for container " + containerId
                    + " ended without an exit code"));
        }
        return done ? code.get() : null;
    }

    @Override
    public Integer exitCode(String containerId) {
        if (Thread.currentThread().isInterrupted()) {
            throw EngineFailures.cancelled("wait for container " + containerId);
        }
        InspectContainerResponse.ContainerState state = checks.inspectContainerCmd(containerId).exec().getState();
        if (state == null || Boolean.TRUE.equals(state.getRunning())) {
            return null;
        }
        return state.getExitCodeLong() == null ? 0 : state.getExitCodeLong().intValue();
    }

    @Override
    public void stop(String containerId, Duration grace) {
        int seconds = (int) Math.min(Integer.MAX_VALUE, grace.toSeconds() + (grace.toNanosPart() > 0 ? 1 : 0));
        // The engine answers once the container stopped: after the grace period at most, and the kill.
        DockerClient stopping = client(CALL_TIMEOUT.plusSeconds(seconds), CALL_TIMEOUT.plusSeconds(seconds));
        calls.run("stop container " + containerId, () -> {
            try {
                stopping.stopContainerCmd(containerId).withTimeout(seconds).exec();
            } catch (NotModifiedException alreadyStopped) {
                // Stopping a stopped container succeeds.
            }
            return null;
        });
    }

    @Override
    public void remove(String containerId) {
        Attachment attachment = attachments.remove(containerId);
        if (attachment != null) {
            attachment.close();
        }
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
        closeAttachments();
        calls.close();
        http.close();
    }

    private void closeAttachments() {
        attachments.values().removeIf(attachment -> {
            attachment.close();
            return true;
        });
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

    @Override
    public String toString() {
        return "DockerEngine[" + failures.address() + "]";
    }
}
