package dev.spotrun.localcloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A local cloud that starts removes the containers and volumes of dead sessions, and nothing of live ones or of
 * sessions it cannot judge. (The end-to-end test kills a real {@code spotrun local-cloud} with SIGKILL.)
 */
class SessionReaperIT {

    /** Above any pid_max Linux allows: no process ever has it. */
    private static final long NO_SUCH_PID = 4_194_305L;

    private final DockerClient docker = LocalEngine.client();
    private final String mark = "dev.spotrun.test.reaper=" + UUID.randomUUID();

    private String sleeper(Session session) {
        String id = docker.createContainerCmd("spotrun/busybox:latest").withCmd("sleep", "600")
                .withLabels(Map.of(LocalCloud.SESSION_LABEL, session.label(), mark.split("=")[0], mark.split("=")[1]))
                .exec().getId();
        docker.startContainerCmd(id).exec();
        return id;
    }

    private boolean exists(String container) {
        try {
            docker.inspectContainerCmd(container).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    @Test
    void deadSessionsAreRemovedWithTheirVolumesAndLiveOrForeignOnesStay() {
        Session here = Session.current();
        Session dead = new Session(here.machine(), here.boot(), here.pidNamespace(), NO_SUCH_PID, 1, 1);
        Session foreign = new Session("another-machine", "another-boot", "pid:[1]", NO_SUCH_PID, 1, 1);
        String deadContainer = sleeper(dead);
        String liveContainer = sleeper(here);
        String foreignContainer = sleeper(foreign);
        String deadVolume = docker.createVolumeCmd().withName("spotrun-test-" + UUID.randomUUID())
                .withLabels(Map.of(LocalCloud.SESSION_LABEL, dead.label())).exec().getName();
        try {
            List<String> reaped;
            try (LocalCloud cloud = LocalCloud.builder().backend(InstanceBackend.fakeEc2Hosts()).start()) {
                reaped = cloud.reaped();
            }

            assertThat(exists(deadContainer)).isFalse();
            assertThat(docker.listVolumesCmd().exec().getVolumes()).extracting(v -> v.getName())
                    .doesNotContain(deadVolume);
            assertThat(reaped).anySatisfy(line -> assertThat(line).contains(deadContainer.substring(0, 12))
                    .contains("pid " + NO_SUCH_PID)).anySatisfy(line -> assertThat(line).contains(deadVolume));
            assertThat(exists(liveContainer)).as("this process's session").isTrue();
            assertThat(exists(foreignContainer)).as("a session of another machine").isTrue();
        } finally {
            for (String container : List.of(deadContainer, liveContainer, foreignContainer)) {
                if (exists(container)) {
                    docker.removeContainerCmd(container).withForce(true).withRemoveVolumes(true).exec();
                }
            }
        }
    }
}
