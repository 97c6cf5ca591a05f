package dev.spotrun.cli.wiring;

import dev.spotrun.cli.config.CloudSettings;
import dev.spotrun.domain.ContainerSpec;
import dev.spotrun.domain.ImageRef;
import dev.spotrun.domain.RunSpec;
import dev.spotrun.domain.failure.CloudUnavailable;
import dev.spotrun.domain.port.Sleeper;
import dev.spotrun.localcloud.InstanceBackend;
import dev.spotrun.localcloud.LocalCloud;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

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

    private LocalCloudSession(LocalCloud cloud) {
        this.cloud = cloud;
        closer.register(cloud);
    }

    /** Starts the local cloud (its endpoint and its registry container). */
    static LocalCloudSession start(CloudSettings settings, Path cacheDirectory) {
        return new LocalCloudSession(LocalClouds.start(settings.region(), List.of(), cacheDirectory));
    }

    @Override
    public CloudPorts ports(Clock clock, Sleeper sleeper) {
        return AwsCloud.ports(AwsTarget.local(cloud), closer, clock, sleeper);
    }

    /**
     * Pushes the image to the local cloud's registry when the local engine has it, so that the instance pulls
     * it for real, with the registry's ECR-style token; any other image is left to be pulled from where it is.
     */
    @Override
    public RunSpec prepare(RunSpec spec) {
        String image = spec.container().image();
        ImageRef pushed;
        try {
            pushed = cloud.pushImage(image, ImageRef.parse(image).repository());
        } catch (RuntimeException e) {
            if (notLocal(e)) {
                return spec;
            }
            throw new CloudUnavailable("pushing " + image + " to the local cloud's registry failed: "
                    + e.getMessage(), e);
        }
        ContainerSpec c = spec.container();
        return spec.withContainer(new ContainerSpec(pushed.canonical(), c.command(), c.entrypoint(), c.env(),
                c.workdir(), c.user(), c.labels(), c.gpus(), c.name()));
    }

    /** The engine's answer for an image it does not have; the local cloud reports it through docker-java. */
    private static boolean notLocal(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("no such image")) {
                return true;
            }
        }
        return false;
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
