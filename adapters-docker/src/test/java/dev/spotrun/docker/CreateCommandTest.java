package dev.spotrun.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.DeviceRequest;
import com.github.dockerjava.core.command.CreateContainerCmdImpl;
import dev.spotrun.domain.ContainerSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CreateCommandTest {

    @Test
    void every_option_of_the_spec_reaches_the_request() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("B", "2");
        env.put("A", "x=y");
        ContainerSpec spec = ContainerSpec.of("busybox", "echo", "hi").withEntrypoint(List.of("/bin/sh", "-c"))
                .withEnv(env).withWorkdir("/work").withUser("1000:1000").withLabels(Map.of("k", "v"))
                .withName("job").withGpus(2);

        CreateContainerCmd command = CreateCommand.fill(new CreateContainerCmdImpl(cmd -> null, null, "busybox"), spec);

        assertThat(command.getCmd()).containsExactly("echo", "hi");
        assertThat(command.getEntrypoint()).containsExactly("/bin/sh", "-c");
        assertThat(command.getEnv()).containsExactly("B=2", "A=x=y");
        assertThat(command.getWorkingDir()).isEqualTo("/work");
        assertThat(command.getUser()).isEqualTo("1000:1000");
        assertThat(command.getLabels()).containsExactly(Map.entry("k", "v"));
        assertThat(command.getName()).isEqualTo("job");
        assertThat(command.isTty()).isFalse();
        DeviceRequest gpus = command.getHostConfig().getDeviceRequests().get(0);
        assertThat(gpus.getCount()).isEqualTo(2);
        assertThat(gpus.getCapabilities()).containsExactly(List.of("gpu"));
    }

    @Test
    void defaults_leave_the_image_in_charge_and_all_gpus_is_count_minus_one() {
        CreateContainerCmd command = CreateCommand.fill(new CreateContainerCmdImpl(cmd -> null, null, "busybox"),
                ContainerSpec.of("busybox"));
        assertThat(command.getCmd()).isNull();
        assertThat(command.getEntrypoint()).isNull();
        assertThat(command.getName()).isNull();
        assertThat(command.getHostConfig().getDeviceRequests()).isNull();
        assertThat(CreateCommand.gpus(ContainerSpec.ALL_GPUS).getCount()).isEqualTo(-1);
    }
}
