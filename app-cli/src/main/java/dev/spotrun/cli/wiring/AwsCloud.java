package dev.spotrun.cli.wiring;

import dev.spotrun.aws.AwsAdapters;
import dev.spotrun.aws.BootScript;
import dev.spotrun.docker.DockerEngines;
import dev.spotrun.domain.port.Sleeper;
import java.time.Clock;

/**
 * Every EC2-compatible cloud, AWS and the local cloud alike: EC2 and ECR through the SDK, pointed at the
 * {@link AwsTarget}, and the machines' Docker engines over mutual TLS. The two clouds differ only in their
 * target, so one wiring serves both; it is plain code, called when a command first needs the ports, so that
 * nothing of it is built for {@code --help} or {@code version}.
 */
final class AwsCloud {

    private AwsCloud() {
    }

    /** Builds the ports; the adapters are closed with the session. */
    static CloudPorts ports(AwsTarget target, Closer closer, Clock clock, Sleeper sleeper) {
        AwsAdapters aws = closer.register(target.adapters().bootScript(BootScript::render).clock(clock).sleeper(sleeper)
                .build());
        return new CloudPorts(aws.compute(), aws.registry(), DockerEngines.create());
    }
}
