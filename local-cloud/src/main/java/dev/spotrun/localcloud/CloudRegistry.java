package dev.spotrun.localcloud;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.spotrun.domain.ImageRef;
import java.util.Map;
import java.util.UUID;

/**
 * The local cloud's registry, under one name for everyone: {@code 127.0.0.1:PORT}. The local engine pushes to
 * that name over plain HTTP without logging in (Docker's default for loopback registries): it reaches an open
 * registry published there. Instances pull the same name: inside each fake host a NAT rule leads
 * {@code 127.0.0.1:PORT} to a second registry on the engine's network that admits only user {@code AWS} with the
 * password of the cloud's ECR tokens. Both serve one storage volume, so a push is at once pullable.
 */
final class CloudRegistry {

    private final String password;
    private final Map<String, String> labels;
    private final String volume = "spotrun-local-cloud-registry-" + UUID.randomUUID();
    private LocalRegistry open;
    private LocalRegistry guarded;

    CloudRegistry(String password, Map<String, String> labels) {
        this.password = password;
        this.labels = Map.copyOf(labels);
    }

    /** Starts both registries side by side: each waits for its container to start and listen. */
    void start() {
        DockerClient docker = LocalEngine.client();
        docker.createVolumeCmd().withName(volume).withLabels(labels).exec();
        guarded = labelled(new LocalRegistry(LocalRegistry.DEFAULT_IMAGE, "AWS", password));
        open = labelled(new LocalRegistry(LocalRegistry.DEFAULT_IMAGE, "AWS", password).withoutAuth());
        try {
            both(LocalRegistry::start);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** Does {@code step} to the open registry on a thread of its own while this thread does it to the guarded one. */
    private void both(java.util.function.Consumer<LocalRegistry> step) {
        java.util.concurrent.FutureTask<Void> beside = new java.util.concurrent.FutureTask<>(() -> step.accept(open),
                null);
        Thread thread = new Thread(beside, "local-cloud-registry");
        thread.setDaemon(true);
        thread.start();
        RuntimeException failed = null;
        try {
            step.accept(guarded);
        } catch (RuntimeException e) {
            failed = e;
        }
        try {
            beside.get();
        } catch (java.util.concurrent.ExecutionException e) {
            RuntimeException other = e.getCause() instanceof RuntimeException r ? r
                    : new IllegalStateException(e.getCause());
            if (failed == null) {
                failed = other;
            } else {
                failed.addSuppressed(other);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting or stopping the local registries", e);
        }
        if (failed != null) {
            throw failed;
        }
    }

    private LocalRegistry labelled(LocalRegistry registry) {
        labels.forEach(registry::withLabel);
        return registry.withStorageVolume(volume);
    }

    /** The one name of the registry, {@code 127.0.0.1:PORT}, for the local engine and for instances. */
    String name() {
        return open.localAddress();
    }

    /** The port of {@link #name()}. */
    int port() {
        return Integer.parseInt(name().substring(name().lastIndexOf(':') + 1));
    }

    /** Where instances reach the registry that wants the ECR token: {@code IP:5000} on the engine's network. */
    String pullTarget() {
        return guarded.machineAddress();
    }

    /** Pushes an image of the local engine as {@code repository:latest}; returns its name for instances. */
    ImageRef push(String localImage, String repository) {
        open.push(localImage, repository);
        return pushedName(repository);
    }

    /** The name {@link #push} will give the local engine's {@code localImage}; empty when the engine has none. */
    java.util.Optional<ImageRef> pushedName(String localImage, String repository) {
        try {
            LocalEngine.client().inspectImageCmd(localImage).exec();
        } catch (NotFoundException notHere) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(pushedName(repository));
    }

    /** The name an image pushed as {@code repository} has, for the local engine and for instances. */
    private ImageRef pushedName(String repository) {
        return ImageRef.parse(name() + "/" + repository + ":latest");
    }

    /** Stops both registries and removes their volume. Idempotent. */
    void stop() {
        if (open != null && guarded != null) {
            both(LocalRegistry::stop);
        }
        try {
            LocalEngine.client().removeVolumeCmd(volume).exec();
        } catch (NotFoundException e) {
            // Never created, or already removed.
        }
    }
}
