package dev.spotrun.localcloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * A cloud that closes while it removes a fake host (a run that terminated its machine and ended at once, as
 * {@code spotrun run --cloud local} does) removes it all the same, and says nothing on its way out.
 */
class LocalCloudCloseIT {

    @Test
    void aCloudClosedWhileItRemovesATerminatedHostStillRemovesItQuietly() {
        List<String> uncaught = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> uncaught.add(thread.getName() + ": " + e));
        String id;
        try {
            LocalCloud cloud = LocalCloud.builder().backend(InstanceBackend.fakeEc2Hosts()).start();
            try (Ec2Client ec2 = Clients.ec2(cloud)) {
                id = ec2.runInstances(r -> r.imageId(LocalCloud.AL2023_X86_AMI).instanceType("t3.micro").minCount(1)
                        .maxCount(1)).instances().get(0).instanceId();
                Ec2BehaviourFaultsTest.awaitTrue(() -> cloud.instance(id).state().equals("running"),
                        Duration.ofMinutes(2));
                ec2.terminateInstances(r -> r.instanceIds(id));
            } finally {
                cloud.close();
            }
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }

        assertThat(LocalEngine.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(FakeHostBackend.LABEL, id)).exec()).as("the terminated host").isEmpty();
        assertThat(uncaught).as("failures on the cloud's threads").isEmpty();
    }
}
