package dev.spotrun.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.cli.e2e.Spotrun.Result;
import dev.spotrun.localcloud.LocalCloudClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * {@code spotrun local-cloud} as a separate process: a whole cloud for other processes, used through the
 * variables it prints, with faults given as flags and over HTTP.
 */
class LocalCloudCommandIT {

    private static final String IMAGE = "spotrun/busybox:latest";

    @TempDir
    Path dir;

    @BeforeAll
    static void imagesAreBuilt() {
        LocalDocker.requireImages();
    }

    private static void awaitTerminated(Ec2Client ec2) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ec2.describeInstances().reservations().stream().flatMap(r -> r.instances().stream())
                .anyMatch(i -> i.state().name() != InstanceStateName.TERMINATED)) {
            assertThat(System.nanoTime()).as("the machine terminated within 30 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void servesTheLocalCloudForOtherToolsUntilSigint() throws Exception {
        ServedCloud cloud = ServedCloud.start(dir);
        assertThat(cloud.exported).containsKeys("AWS_ENDPOINT_URL", "AWS_REGION", "AWS_ACCESS_KEY_ID",
                "AWS_SECRET_ACCESS_KEY", "SPOTRUN_LOCAL_REGISTRY");
        assertThat(cloud.exported.get("AWS_ENDPOINT_URL")).startsWith("http://127.0.0.1:");
        assertThat(cloud.registry()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(cloud.containers()).as("its registry").hasSize(2);

        Result gc = new Spotrun(dir).env(cloud.exported).run(Duration.ofSeconds(90), "gc", "--dry-run");
        assertThat(gc.exitCode()).as(gc.toString()).isZero();
        assertThat(gc.err()).contains("0 expired machine(s)");

        Result stopped = cloud.stop();
        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(130);
        assertThat(stopped.err()).contains("stopping the local cloud");
        assertThat(cloud.containers()).isEmpty();
        assertThat(ServedCloud.volumesOfPid(cloud.process.pid())).isEmpty();
    }

    /**
     * The path of a new user: push an image to the printed registry from the local engine, then run it with
     * spotrun through the printed variables alone, with every second EC2 request throttled (a flag) and the
     * first RunInstances answer dropped (over HTTP).
     */
    @Test
    void anImagePushedToThePrintedRegistryRunsThroughThePrintedVariablesDespiteFaults() throws Exception {
        try (ServedCloud cloud = ServedCloud.start(dir, "--fault", "throttle-every:2")) {
            LocalCloudClient control = LocalCloudClient.of(cloud.endpoint());
            control.addFaults("drop-answer:RunInstances");
            String image = cloud.push(IMAGE);

            Result run = new Spotrun(dir).onlyEnv(cloud.exported).run(Duration.ofMinutes(4), "run", "-q", image,
                    "sh", "-c", "echo hello from the pushed image; exit 7");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(7);
            assertThat(run.out()).isEqualTo("hello from the pushed image\n");
            assertThat(control.requests()).filteredOn(r -> r.fault().equals("throttle-every:2")).isNotEmpty();
            assertThat(control.requests()).filteredOn(r -> r.action().equals("RunInstances"))
                    .extracting(LocalCloudClient.Request::status).containsOnlyOnce(0).endsWith(200);
            try (Ec2Client ec2 = cloud.ec2()) {
                control.clearFaults();
                assertThat(ec2.describeInstances().reservations()).as("one machine, despite the dropped answer")
                        .singleElement().satisfies(r -> assertThat(r.instances().get(0).state().name())
                                .isIn(InstanceStateName.SHUTTING_DOWN, InstanceStateName.TERMINATED));
                awaitTerminated(ec2);
                assertThat(ec2.describeSecurityGroups().securityGroups()).as("the run's group, while its machine"
                        + " held it: left marked for the next run").allSatisfy(g -> assertThat(g.tags())
                        .anySatisfy(t -> assertThat(t.key()).isEqualTo("spotrun:ended-at")));
                Result gc = new Spotrun(dir).onlyEnv(cloud.exported).run(Duration.ofSeconds(90), "gc");
                assertThat(gc.exitCode()).as(gc.toString()).isZero();
                assertThat(ec2.describeSecurityGroups().securityGroups()).as("the run's group").isEmpty();
            }
        }
    }

    @Test
    void itAnswersOnlyItsOwnLoopbackNameWithoutAnOrigin() throws Exception {
        try (ServedCloud cloud = ServedCloud.start(dir, "--slow-boot", "1s", "--no-capacity", "m5.large:spot",
                "--interrupt-spot-after", "10m")) {
            int port = cloud.endpoint().getPort();
            assertThat(LocalCloudClient.of(cloud.endpoint()).faults()).containsExactly("no-capacity:m5.large:spot",
                    "slow-boot:1s", "interrupt-spot-after:10m");
            assertThat(raw(port, "evil.example:" + port, "")).startsWith("HTTP/1.1 403")
                    .contains("answers only requests to http://127.0.0.1:" + port);
            assertThat(raw(port, "127.0.0.1:" + port, "Origin: http://evil.example\r\n")).startsWith("HTTP/1.1 403");
            assertThat(raw(port, "127.0.0.1:" + port, "")).startsWith("HTTP/1.1 200");
        }
    }

    private static String raw(int port, String host, String headers) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /_spotrun/faults HTTP/1.1\r\nHost: " + host + "\r\n" + headers + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
