package dev.spotrun.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import dev.spotrun.docker.DockerEngines;
import dev.spotrun.domain.EngineBootstrap;
import dev.spotrun.localcloud.InstanceBackend;
import dev.spotrun.localcloud.LocalCloud;
import dev.spotrun.localcloud.LocalCloudClient;
import dev.spotrun.localcloud.LocalEngine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * spotrun's boot script (the AWS adapter's) on a fake EC2 host of the local cloud, with TLS material of the
 * Docker adapter: a reboot starts its guard and its engine again by their per-boot hooks, and not the user data.
 * It lives here because it needs both adapters and the local cloud.
 */
class BootScriptRebootIT {

    /** The label the local cloud's fake-host backend puts on each host: its instance id. */
    private static final String INSTANCE_LABEL = "dev.spotrun.testkit.local-cloud.instance";
    private static LocalCloud cloud;
    private static LocalCloudClient control;
    private static Ec2Client ec2;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.builder().backend(InstanceBackend.fakeEc2Hosts()).start();
        control = LocalCloudClient.of(cloud.endpoint());
        ec2 = Ec2Client.builder().endpointOverride(cloud.endpoint()).region(Region.of(cloud.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "secret")))
                .build();
    }

    @AfterAll
    static void stop() {
        if (ec2 != null) {
            ec2.close();
        }
        if (cloud != null) {
            List<String> instances = cloud.instances().stream().map(i -> i.id()).toList();
            cloud.close();
            assertThat(LocalEngine.client().listContainersCmd().withShowAll(true)
                    .withLabelFilter(List.of(INSTANCE_LABEL)).exec())
                    .as("the hosts of this cloud's instances, once it closed")
                    .noneMatch(c -> instances.contains(c.getLabels().get(INSTANCE_LABEL)));
        }
    }

    @Test
    void aHostBootedFromSpotrunsBootScriptStartsItsGuardAndItsEngineAgainAfterAReboot() throws Exception {
        EngineBootstrap engine = DockerEngines.create().newTrust("sr-reboot-it", Duration.ofHours(1)).bootstrap();
        String id = launchRunning(BootScript.render(engine, Instant.now().plus(Duration.ofHours(1))));
        String container = hostContainer(id);
        String guardRuns = "test -f /run/spotrun-guard.pid && kill -0 $(cat /run/spotrun-guard.pid) && echo guarded"
                + " || true";
        awaitTrue(() -> quietly(container, guardRuns).contains("guarded"), Duration.ofSeconds(60));

        control.reboot(id);

        // /run is emptied by the reboot: a live pid there is a guard this boot started, by its per-boot hook.
        awaitTrue(() -> quietly(container, guardRuns).contains("guarded"), Duration.ofSeconds(30));
        // The engine comes back too, on its TLS port, so that a rebooted machine is still the run's Docker host.
        String listening = "awk '$4 == \"0A\" && $2 ~ /:0948$/ { print \"listening\" }' /proc/net/tcp /proc/net/tcp6";
        awaitTrue(() -> quietly(container, listening).contains("listening"), Duration.ofSeconds(60));
        assertThat(exec(container, "cat /var/log/cloud-init-output.log"))
                .containsOnlyOnce("fake-ec2-host: user data started")
                .contains("per-boot /var/lib/cloud/scripts/per-boot/spotrun-engine started")
                .contains("per-boot /var/lib/cloud/scripts/per-boot/spotrun-guard started");
        assertThat(cloud.instance(id).state()).isEqualTo("running");
    }

    private static String launchRunning(String userData) throws InterruptedException {
        String id = ec2.runInstances(r -> r.imageId(LocalCloud.AL2023_X86_AMI).instanceType("t3.micro").minCount(1)
                .maxCount(1).userData(Base64.getEncoder().encodeToString(userData.getBytes(StandardCharsets.UTF_8))))
                .instances().get(0).instanceId();
        awaitTrue(() -> cloud.instance(id).state().equals("running"), Duration.ofMinutes(2));
        return id;
    }

    private static String hostContainer(String instanceId) {
        Container host = LocalEngine.client().listContainersCmd()
                .withLabelFilter(Map.of(INSTANCE_LABEL, instanceId)).exec().get(0);
        assertThat(host.getLabels()).containsKey(LocalCloud.SESSION_LABEL);
        return host.getId();
    }

    private static String exec(String container, String script) throws Exception {
        Process process = new ProcessBuilder("docker", "exec", container, "sh", "-c", script).redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        return out;
    }

    private static String quietly(String container, String script) {
        try {
            return exec(container, script);
        } catch (Exception | AssertionError e) {
            return "";
        }
    }

    private static void awaitTrue(Supplier<Boolean> condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit);
            }
            Thread.sleep(20);
        }
    }
}
