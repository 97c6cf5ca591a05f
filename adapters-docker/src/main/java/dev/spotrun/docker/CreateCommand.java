package dev.spotrun.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.DeviceRequest;
import com.github.dockerjava.api.model.HostConfig;
import dev.spotrun.domain.ContainerSpec;
import java.util.List;
import java.util.Map;

/** A {@link ContainerSpec} as the engine's create request, option by option as {@code docker run} sets them. */
final class CreateCommand {

    private CreateCommand() {
    }

    static CreateContainerCmd fill(CreateContainerCmd command, ContainerSpec spec) {
        if (!spec.command().isEmpty()) {
            command.withCmd(spec.command());
        }
        if (!spec.entrypoint().isEmpty()) {
            command.withEntrypoint(spec.entrypoint());
        }
        if (!spec.env().isEmpty()) {
            command.withEnv(env(spec.env()));
        }
        if (!spec.workdir().isEmpty()) {
            command.withWorkingDir(spec.workdir());
        }
        if (!spec.user().isEmpty()) {
            command.withUser(spec.user());
        }
        if (!spec.labels().isEmpty()) {
            command.withLabels(spec.labels());
        }
        if (!spec.name().isEmpty()) {
            command.withName(spec.name());
        }
        HostConfig host = HostConfig.newHostConfig();
        if (spec.gpus() != 0) {
            host.withDeviceRequests(List.of(gpus(spec.gpus())));
        }
        // Output must not be interleaved by a terminal: stdout and stderr stay apart.
        return command.withHostConfig(host).withTty(false).withAttachStdin(false).withStdinOpen(false);
    }

    /** {@code --gpus all} or {@code --gpus N}: a request for devices with the "gpu" capability. */
    static DeviceRequest gpus(int count) {
        return new DeviceRequest()
                .withDriver("")
                .withCount(count == ContainerSpec.ALL_GPUS ? -1 : count)
                .withCapabilities(List.of(List.of("gpu")));
    }

    static List<String> env(Map<String, String> env) {
        return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }
}
