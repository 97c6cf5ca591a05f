package dev.spotrun.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * A local cloud cleans up after a killed one: {@code spotrun local-cloud} killed with SIGKILL while it has a
 * running instance leaves its containers; the next local cloud removes them, and never a live one's.
 */
class LocalCloudSessionsIT {

    @TempDir
    Path dir;

    @BeforeAll
    static void imagesAreBuilt() {
        LocalDocker.requireImages();
    }

    @Test
    void theNextLocalCloudRemovesWhatAKilledOneLeftAndSparesALiveOne() throws Exception {
        try (ServedCloud killed = ServedCloud.start(dir)) {
            killAndReap(killed);
        }
    }

    private void killAndReap(ServedCloud killed) throws Exception {
        String instance;
        try (Ec2Client ec2 = killed.ec2()) {
            instance = ec2.runInstances(r -> r.imageId("ami-0a120230000008664").instanceType("t3.micro").minCount(1)
                    .maxCount(1).userData(Base64.getEncoder().encodeToString("#!/bin/sh\necho up\n".getBytes())))
                    .instances().get(0).instanceId();
            ec2.waiter().waitUntilInstanceRunning(r -> r.instanceIds(instance),
                    c -> c.waitTimeout(Duration.ofMinutes(2)));
        }
        long killedPid = killed.process.pid();
        List<String> left = killed.containers();
        assertThat(left).as("its fake host and its registry").hasSize(3)
                .containsAll(LocalDocker.hostsOf(instance));

        try (ServedCloud live = ServedCloud.start(dir)) {
            assertThat(killed.containers()).as("a live session is never touched").containsExactlyElementsOf(left);
            assertThat(live.process.awaitOutputAndSnapshot().err()).doesNotContain("removed the");

            killed.process.signal("KILL");
            killed.process.await(Duration.ofSeconds(30));
            assertThat(ServedCloud.containersOfPid(killedPid)).as("SIGKILL cleans nothing").hasSize(3);

            List<String> liveContainers = live.containers();
            try (ServedCloud next = ServedCloud.start(dir)) {
                assertThat(ServedCloud.containersOfPid(killedPid)).isEmpty();
                assertThat(ServedCloud.volumesOfPid(killedPid)).isEmpty();
                assertThat(next.process.awaitOutputAndSnapshot().err())
                        .contains("removed the container " + left.get(0).substring(0, 12))
                        .contains("of the dead session pid " + killedPid).contains("left by a local cloud that was killed");
                assertThat(live.containers()).as("the live one's").containsExactlyInAnyOrderElementsOf(liveContainers);
            }
        }
    }
}
