package dev.spotrun.cli.wiring;

import dev.spotrun.cli.config.CloudSettings;
import dev.spotrun.domain.ContainerSpec;
import dev.spotrun.domain.ImageRef;
import dev.spotrun.domain.RunSpec;
import dev.spotrun.domain.failure.Cancelled;
import dev.spotrun.domain.failure.CloudUnavailable;
import dev.spotrun.domain.port.RegistryPort;
import dev.spotrun.domain.port.Sleeper;
import dev.spotrun.localcloud.InstanceBackend;
import dev.spotrun.localcloud.LocalCloud;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * {@code --cloud local}: a local cloud started in this process, whose instances are fake EC2 hosts on the local
 * Docker engine and whose registry stands beside it under one name, {@code 127.0.0.1:PORT}; stopped, with every
 * host it made, when the run ends. Its containers carry this process's session label, so that a later local
 * cloud removes them if this process is killed.
 */
final class LocalCloudSession implements CloudSession {

    static final String DEFAULT_REGION = "us-east-1";

    private final LocalCloud cloud;
    private final Closer closer = new Closer();
    private volatile Push push;

    /** An image being pushed to the cloud's registry, and the end of that push. */
    private record Push(ImageRef image, java.util.concurrent.FutureTask<ImageRef> done) {
    }

    private LocalCloudSession(LocalCloud cloud) {
        this.cloud = cloud;
        closer.register(cloud);
    }

    /** Starts the local cloud (its endpoint and its registry container). */
    static LocalCloudSession start(CloudSettings settings, Path cacheDirectory) {
        return new LocalCloudSession(LocalClouds.start(settings.region(), List.of(), cacheDirectory));
    }

    /** The cloud's ports; the registry's credentials for an image being pushed wait until it is there. */
    @Override
    public CloudPorts ports(Clock clock, Sleeper sleeper) {
        CloudPorts ports = AwsCloud.ports(AwsTarget.local(cloud), closer, clock, sleeper);
        RegistryPort registry = ports.registry();
        return new CloudPorts(ports.compute(), image -> {
            awaitPushOf(image);
            return registry.credentialsFor(image);
        }, ports.engines());
    }

    /**
     * Pushes the image to the local cloud's registry when the local engine has it, so that the instance pulls
     * it for real, with the registry's ECR-style token; any other image is left to be pulled from where it is.
     * The push goes on while the run launches and boots its machine: the lifecycle asks the registry for the
     * image's credentials before it pulls, and gets them once the image is there (see {@link #ports}).
     */
    @Override
    public RunSpec prepare(RunSpec spec) {
        String image = spec.container().image();
        String repository = ImageRef.parse(image).repository();
        ImageRef pushed = cloud.pushedName(image, repository).orElse(null);
        if (pushed == null) {
            return spec;
        }
        java.util.concurrent.FutureTask<ImageRef> done = new java.util.concurrent.FutureTask<>(
                () -> cloud.pushImage(image, repository));
        Thread pushing = new Thread(done, "local-cloud-push");
        pushing.setDaemon(true);
        pushing.start();
        push = new Push(pushed, done);
        ContainerSpec c = spec.container();
        return spec.withContainer(new ContainerSpec(pushed.canonical(), c.command(), c.entrypoint(), c.env(),
                c.workdir(), c.user(), c.labels(), c.gpus(), c.name()));
    }

    private void awaitPushOf(ImageRef image) {
        Push pending = push;
        if (pending == null || !pending.image().canonical().equals(image.canonical())) {
            return;
        }
        try {
            pending.done().get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new CloudUnavailable("pushing " + image.canonical() + " to the local cloud's registry failed: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled("cancelled while the image was pushed to the local cloud's registry");
        }
    }

    @Override
    public void close() {
        closer.close();
    }

    /** Starting the local cloud the same way for a run and for {@code spotrun local-cloud}. */
    static final class LocalClouds {
        private LocalClouds() {
        }

        static LocalCloud start(String region, List<String> faults, Path cacheDirectory) {
            LocalCloud.Builder builder = LocalCloud.builder().region(region.isEmpty() ? DEFAULT_REGION : region)
                    .backend(InstanceBackend.fakeEc2Hosts(cacheDirectory)).withRegistry();
            faults.forEach(builder::fault);
            try {
                return builder.start();
            } catch (RuntimeException e) {
                throw new CloudUnavailable("the local cloud could not start (" + e.getMessage() + "); it needs a"
                        + " Docker engine and the images of scripts/build-images.sh", e);
            }
        }
    }
}
