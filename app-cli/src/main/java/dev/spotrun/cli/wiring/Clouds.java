package dev.spotrun.cli.wiring;

import dev.spotrun.domain.port.Sleeper;
import dev.spotrun.cli.config.CloudSettings;
import dev.spotrun.localcloud.LocalCloud;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The clouds this build can open: a switch over the choice, one module per cloud. */
public final class Clouds {

    private Clouds() {
    }

    /**
     * Opens AWS, or starts the local cloud, as the settings say.
     *
     * @param callerEnvironment the caller's environment variables, for what the AWS SDK does not read itself
     * @param cacheDirectory    where the local cloud remembers what it learnt of the local engine
     */
    public static CloudConnector connector(Map<String, String> callerEnvironment, Path cacheDirectory) {
        AwsEnvironment environment = AwsEnvironment.of(callerEnvironment);
        return settings -> switch (settings.cloud()) {
            case AWS -> aws(settings, environment);
            case LOCAL -> LocalCloudSession.start(settings, cacheDirectory);
        };
    }

    /** Serves the local cloud for other tools, in {@code us-east-1}. */
    public static LocalCloudServer localServer(Path cacheDirectory) {
        return faults -> {
            LocalCloud cloud = LocalCloudSession.LocalClouds.start("", faults, cacheDirectory);
            return new LocalCloudServer.Running() {
                @Override
                public Map<String, String> environment() {
                    Map<String, String> env = new LinkedHashMap<>();
                    env.put("AWS_ENDPOINT_URL", cloud.endpoint().toString());
                    env.put("AWS_REGION", cloud.region());
                    env.put("AWS_ACCESS_KEY_ID", "local");
                    env.put("AWS_SECRET_ACCESS_KEY", "local");
                    env.put("AWS_EC2_METADATA_DISABLED", "true");
                    env.put("SPOTRUN_LOCAL_REGISTRY", cloud.registryHost());
                    return env;
                }

                @Override
                public List<String> notes() {
                    return cloud.reaped().stream().map(line -> "removed the " + line + ", left by a local cloud that"
                            + " was killed").toList();
                }

                @Override
                public void close() {
                    cloud.close();
                }
            };
        };
    }

    static CloudSession aws(CloudSettings settings, AwsEnvironment environment) {
        Closer closer = new Closer();
        AwsTarget target = AwsTarget.of(settings, environment);
        return new CloudSession() {
            @Override
            public CloudPorts ports(Clock clock, Sleeper sleeper) {
                return AwsCloud.ports(target, closer, clock, sleeper);
            }

            @Override
            public void close() {
                closer.close();
            }
        };
    }
}
