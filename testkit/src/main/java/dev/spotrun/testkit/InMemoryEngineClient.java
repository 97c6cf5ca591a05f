package dev.spotrun.testkit;

import dev.spotrun.domain.Artifact;
import dev.spotrun.domain.ArtifactReport;
import dev.spotrun.domain.ContainerSpec;
import dev.spotrun.domain.CopyIn;
import dev.spotrun.domain.CopyTally;
import dev.spotrun.domain.EngineBootstrap;
import dev.spotrun.domain.ImageRef;
import dev.spotrun.domain.Phase;
import dev.spotrun.domain.PullProgress;
import dev.spotrun.domain.RegistryCredentials;
import dev.spotrun.domain.failure.Cancelled;
import dev.spotrun.domain.failure.EngineRejected;
import dev.spotrun.domain.failure.EngineUnreachable;
import dev.spotrun.domain.failure.ImageNotFound;
import dev.spotrun.domain.failure.RegistryUnauthorized;
import dev.spotrun.domain.failure.TimedOut;
import dev.spotrun.domain.port.ContainerEngine;
import dev.spotrun.domain.port.LogSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A client of one fake host, holding the trust it connected with. */
final class InMemoryEngineClient implements ContainerEngine {

    private static final String API_VERSION = "1.41";
    private static final long LAYER_BYTES = 1_000_000;

    private final InMemoryContainerEngine engines;
    private final String address;
    private final EngineBootstrap trust;
    private volatile boolean closed;
    private volatile Runnable lostListener = () -> { };

    InMemoryEngineClient(InMemoryContainerEngine engines, String address, EngineBootstrap trust) {
        this.engines = engines;
        this.address = address;
        this.trust = trust;
    }

    @Override
    public String ping() {
        FakeHost host = reach(Phase.CONNECT);
        if (engines.clock().instant().isBefore(host.readyAt()) || host.takeFailingPing()) {
            throw new EngineUnreachable(address, "connection refused", null);
        }
        return API_VERSION;
    }

    @Override
    public void pull(ImageRef image, RegistryCredentials credentials, Duration timeout,
                     Consumer<PullProgress> progress) {
        FakeHost host = reach(Phase.PULL);
        RegistryCredentials required = engines.credentialsRequiredBy(image.registry());
        if (required != null && !sameLogin(required, credentials)) {
            throw new RegistryUnauthorized(image.registry(), null);
        }
        if (engines.publishedCommand(image.canonical()) == null) {
            throw new ImageNotFound(image.canonical(), null);
        }
        Duration time = engines.pullTime();
        if (time.compareTo(timeout) > 0) {
            engines.clock().advance(timeout);
            throw new TimedOut(Phase.PULL, timeout, image.canonical());
        }
        String layer = Integer.toHexString(image.canonical().hashCode());
        progress.accept(new PullProgress(layer, "Downloading", LAYER_BYTES / 2, LAYER_BYTES));
        engines.clock().advance(time);
        progress.accept(new PullProgress(layer, "Downloading", LAYER_BYTES, LAYER_BYTES));
        progress.accept(new PullProgress(layer, "Pull complete", -1, -1));
        host.images().add(image.canonical());
    }

    private static boolean sameLogin(RegistryCredentials required, RegistryCredentials given) {
        return given != null && required.username().equals(given.username())
                && required.password().equals(given.password());
    }

    @Override
    public String create(ContainerSpec spec) {
        FakeHost host = reach(null);
        String image = ImageRef.parse(spec.image()).canonical();
        if (!host.images().contains(image)) {
            throw new EngineRejected("no such image on the engine: " + image + "; pull it first", null);
        }
        List<String> argv = new ArrayList<>(spec.entrypoint());
        argv.addAll(spec.command().isEmpty() && spec.entrypoint().isEmpty()
                ? engines.publishedCommand(image) : spec.command());
        FakeContainer container = new FakeContainer(engines.nextContainerId(), spec, argv);
        engines.imageFiles(image).forEach(container.files()::write);
        host.containers().put(container.id(), container);
        return container.id();
    }

    @Override
    public void attach(String containerId) {
        container(reach(null), containerId).attach();
    }

    @Override
    public CopyTally copyIn(String containerId, CopyIn copy, Consumer<CopyTally> progress) {
        return container(reach(null), containerId).files().copyIn(copy, progress);
    }

    @Override
    public ArtifactReport copyOut(String containerId, Artifact artifact, boolean overwrite,
                                  Consumer<CopyTally> progress) {
        return container(reach(null), containerId).files().copyOut(artifact, overwrite, progress);
    }

    @Override
    public void start(String containerId) {
        // As the Docker adapter's calls: an interrupted caller's start is not sent, or its answer is dropped.
        engines.calls().run("start", () -> container(reach(null), containerId).start());
    }

    @Override
    public void streamLogs(String containerId, LogSink sink) {
        FakeContainer container = container(reach(null), containerId);
        int breaksAfter = engines.outputBreaksAfter();
        try {
            for (int i = 0; !closed; i++) {
                if (!container.hasChunk(i)) {
                    sink.flush();
                }
                FakeContainer.LogChunk chunk = container.chunk(i);
                if (chunk == null) {
                    sink.flush();
                    return;
                }
                if (i == breaksAfter) {
                    sink.flush();
                    throw new EngineUnreachable(address, "the output's connection broke and did not come back", null);
                }
                sink.write(chunk.stream(), chunk.bytes().clone());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled("log streaming was interrupted");
        }
    }

    @Override
    public int awaitExit(String containerId, Duration timeout) {
        FakeHost host = reach(Phase.RUN);
        FakeContainer container = container(host, containerId);
        if (container.exitCode() != null) {
            return container.exitCode();
        }
        Duration runtime = container.plannedRuntime();
        if (runtime != null && runtime.compareTo(timeout) <= 0) {
            engines.clock().advance(runtime);
            container.finish();
        } else if (runtime != null) {
            engines.clock().advance(timeout);
            throw new TimedOut(Phase.RUN, timeout, "container " + containerId.substring(0, 12));
        }
        try {
            Integer code = container.awaitEnd();
            if (code == null) {
                lostListener.run();
                if (engines.reconnectsForever()) {
                    reconnectUntilInterrupted();
                }
                throw new EngineUnreachable(address, "the connection was lost while waiting for the container", null);
            }
            return code;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled("waiting for the container was interrupted");
        }
    }

    @Override
    public void stop(String containerId, Duration grace) {
        engines.calls().run("stop", () -> {
            FakeContainer container = container(reach(null), containerId);
            if (container.isRunning() && container.ignoresTerm()) {
                engines.clock().advance(grace);
            }
            container.stop(grace);
        });
    }

    @Override
    public void remove(String containerId) {
        FakeHost host = reach(null);
        FakeContainer container = host.containers().get(containerId);
        if (container != null && container.isRunning()) {
            throw new EngineRejected("container " + containerId + " is running; stop it first", null);
        }
        host.containers().remove(containerId);
    }

    /** Tries to reach a host that is gone, as long as nobody interrupts: then the wait is cancelled. */
    private void reconnectUntilInterrupted() throws InterruptedException {
        Object never = new Object();
        synchronized (never) {
            while (!closed) {
                never.wait(50);
            }
        }
    }

    /** The fake's connections break only when its host goes away: then the wait for the exit says so first. */
    @Override
    public void onConnectionLost(Runnable listener) {
        this.lostListener = listener;
    }

    @Override
    public void close() {
        closed = true;
    }

    /** The host, if this client may talk to it; a phase given may take the host away first. */
    private FakeHost reach(Phase phase) {
        if (Thread.currentThread().isInterrupted()) {
            // As the Docker adapter: a call from an interrupted thread is not made.
            throw new Cancelled("the engine call was not made: the thread was interrupted");
        }
        if (closed) {
            throw new IllegalStateException("this engine client is closed");
        }
        FakeHost host = engines.host(address);
        if (host == null) {
            throw new EngineUnreachable(address, "no route to host", null);
        }
        if (!host.bootstrap().equals(trust)) {
            throw new EngineUnreachable(address, EngineUnreachable.Reason.TLS,
                    "TLS handshake refused: the engine does not trust this client", null);
        }
        if (!host.isDown() && engines.interruptAt(address, phase)) {
            host.goDown();
        }
        if (host.isDown()) {
            throw new EngineUnreachable(address, "connection reset", null);
        }
        return host;
    }

    private static FakeContainer container(FakeHost host, String id) {
        FakeContainer container = host.containers().get(id);
        if (container == null) {
            throw new EngineRejected("no such container: " + id, null);
        }
        return container;
    }

}
