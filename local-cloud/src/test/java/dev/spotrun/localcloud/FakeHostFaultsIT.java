package dev.spotrun.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.Container;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The faults of fake EC2 hosts over the control API, seen by real clients on loopback: a cut and a black-holed
 * engine connection, and a reboot that runs the per-boot scripts but not the user data again (what spotrun's
 * own boot script does across a reboot is app-cli's {@code BootScriptRebootIT}: it needs both adapters).
 *
 * <p>What a client on loopback sees, through the local engine's userland proxy (docker-proxy) that stands between
 * it and the host: after a cut, its stream ends (EOF, not a reset: the proxy passes the host's reset on as a
 * close) and a new connection works at once; in a black hole, a connection in use stops moving without an error,
 * and a new one is accepted (by the proxy) but never answered, until the port is restored, when both carry on.
 */
class FakeHostFaultsIT {

    /** A stand-in for a log stream on the engine port: each client gets "tick N" ten times a second. */
    private static final String TICKS = "#!/bin/sh\n"
            + "cat > /usr/local/bin/ticks <<'PERL'\n"
            + "use IO::Socket::INET; $SIG{CHLD} = 'IGNORE';\n"
            + "my $l = IO::Socket::INET->new(LocalPort => 2376, Listen => 16, ReuseAddr => 1) or die $!;\n"
            + "while (my $c = $l->accept) { next if fork; $c->autoflush(1); my $n = 0;\n"
            + "  while (print $c 'tick ', $n++, \"\\n\") { select(undef, undef, undef, 0.1) } exit }\n"
            + "PERL\n"
            + "nohup perl /usr/local/bin/ticks >/dev/null 2>&1 &\n";

    private static final List<String> VOLUMES = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static LocalCloud cloud;
    private static LocalCloudClient control;
    private static Ec2Client ec2;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.builder().backend(InstanceBackend.fakeEc2Hosts()).start();
        control = LocalCloudClient.of(cloud.endpoint());
        ec2 = Clients.ec2(cloud);
    }

    @AfterAll
    static void stop() {
        if (ec2 != null) {
            ec2.close();
        }
        if (cloud != null) {
            cloud.close();
            assertThat(containersOf(Session.current())).as("the hosts of this session").isEmpty();
            List<String> left = LocalEngine.client().listVolumesCmd().exec().getVolumes().stream()
                    .map(v -> v.getName()).filter(VOLUMES::contains).toList();
            assertThat(left).as("the hosts' engine volumes").isEmpty();
        }
    }

    private static List<Container> containersOf(Session session) {
        return LocalEngine.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(java.util.Map.of(LocalCloud.SESSION_LABEL, session.label())).exec();
    }

    private static String launchRunning(String userData) {
        String id = ec2.runInstances(r -> r.imageId(LocalCloud.AL2023_X86_AMI).instanceType("t3.micro").minCount(1)
                .maxCount(1).userData(java.util.Base64.getEncoder().encodeToString(
                        userData.getBytes(StandardCharsets.UTF_8)))).instances().get(0).instanceId();
        Ec2BehaviourFaultsTest.awaitTrue(() -> cloud.instance(id).state().equals("running"), Duration.ofMinutes(2));
        return id;
    }

    private static String hostContainer(String instanceId) {
        Container host = LocalEngine.client().listContainersCmd()
                .withLabelFilter(java.util.Map.of(FakeHostBackend.LABEL, instanceId)).exec().get(0);
        assertThat(host.getLabels()).containsEntry(LocalCloud.SESSION_LABEL, Session.current().label());
        host.getMounts().stream().filter(m -> "/var/lib/docker".equals(m.getDestination()))
                .forEach(m -> VOLUMES.add(m.getName()));
        return host.getId();
    }

    private static String exec(String container, String script) throws Exception {
        Process process = new ProcessBuilder("docker", "exec", container, "sh", "-c", script).redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        return out;
    }

    /** A raw TCP client of the engine port that reads lines. */
    private static final class Client implements AutoCloseable {
        final Socket socket = new Socket();
        final BufferedReader in;

        Client(String address) throws IOException {
            socket.connect(new InetSocketAddress(address, 2376), 5000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        }

        /** The next line within {@code millis}, or null at the end of the stream. */
        String line(int millis) throws IOException {
            socket.setSoTimeout(millis);
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static String awaitTicks(String address) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try (Client probe = new Client(address)) {
                String line = probe.line(2000);
                if (line != null && line.startsWith("tick")) {
                    return line;
                }
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(200);
        }
    }

    @Test
    void aCutEndsEveryStreamAtOnceAndANewConnectionWorksRightAfter() throws Exception {
        String id = launchRunning(TICKS);
        String address = cloud.instance(id).publicAddress();
        awaitTicks(address);
        try (Client first = new Client(address); Client second = new Client(address)) {
            assertThat(first.line(3000)).startsWith("tick");
            assertThat(second.line(3000)).startsWith("tick");

            assertThat(control.cutEngine(id)).contains("reset 2 connection(s)");
            long cut = System.nanoTime();

            for (Client client : List.of(first, second)) {
                String line;
                do {
                    line = client.line(3000);
                } while (line != null);
            }
            System.out.printf("cut-engine: both clients saw the end of their stream %d ms after the cut%n",
                    (System.nanoTime() - cut) / 1_000_000);
            try (Client next = new Client(address)) {
                assertThat(next.line(3000)).isEqualTo("tick 0");
            }
        }
    }

    @Test
    void aBlackHoleSilencesTheConnectionWithoutAnErrorUntilRestored() throws Exception {
        String id = launchRunning(TICKS);
        String address = cloud.instance(id).publicAddress();
        awaitTicks(address);
        try (Client streaming = new Client(address)) {
            assertThat(streaming.line(3000)).startsWith("tick");

            control.blackholeEngine(id);
            drainFor(streaming, 500);
            assertThatThrownBy(() -> streaming.line(2000)).isInstanceOf(SocketTimeoutException.class);
            try (Client during = new Client(address)) {
                assertThatThrownBy(() -> during.line(2000)).as("accepted, never answered")
                        .isInstanceOf(SocketTimeoutException.class);

                assertThat(control.restoreEngine(id)).contains("restored");
                assertThat(streaming.line(15_000)).as("the old connection carries on").startsWith("tick");
                assertThat(during.line(15_000)).as("the one made in the black hole too").isEqualTo("tick 0");
            }
        }
        assertThat(control.restoreEngine(id)).as("idempotent").contains("restored");
    }

    /** Reads what was already on its way before a black hole began. */
    private static void drainFor(Client client, int millis) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        try {
            while (System.nanoTime() < deadline && client.line(millis) != null) {
                // what the host sent before its packets were dropped
            }
        } catch (SocketTimeoutException quiet) {
            // silent already
        }
    }

    @Test
    void aRebootRunsThePerBootScriptsInNameOrderButNotTheUserDataAndTheInstanceStaysRunning() throws Exception {
        String id = launchRunning("#!/bin/sh\n"
                + "mkdir -p /var/lib/cloud/scripts/per-boot\n"
                + "printf '#!/bin/sh\\necho second >> /var/log/per-boot.log\\n' > /var/lib/cloud/scripts/per-boot/20-b\n"
                + "printf '#!/bin/sh\\necho first >> /var/log/per-boot.log\\n' > /var/lib/cloud/scripts/per-boot/10-a\n"
                + "printf 'not executable' > /var/lib/cloud/scripts/per-boot/30-c\n"
                + "chmod +x /var/lib/cloud/scripts/per-boot/10-a /var/lib/cloud/scripts/per-boot/20-b\n"
                + "echo ran >> /var/log/user-data-runs.log\n"
                + "touch /var/lib/docker/kept-across-reboots\n");
        String container = hostContainer(id);
        Ec2BehaviourFaultsTest.awaitTrue(() -> {
            try {
                return exec(container, "cat /var/log/user-data-runs.log 2>/dev/null || true").contains("ran");
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(30));
        String address = cloud.instance(id).publicAddress();

        assertThat(control.reboot(id)).contains("boot 2");
        Thread.sleep(1500); // three times the interval in which a host that powered off is noticed

        assertThat(cloud.instance(id).state()).isEqualTo("running");
        assertThat(cloud.instance(id).publicAddress()).isEqualTo(address);
        assertThat(hostContainer(id)).isEqualTo(container);
        Ec2BehaviourFaultsTest.awaitTrue(() -> {
            try {
                return exec(container, "cat /var/log/per-boot.log 2>/dev/null || true").equals("first\nsecond\n");
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(30));
        assertThat(exec(container, "cat /var/log/user-data-runs.log")).isEqualTo("ran\n");
        assertThat(exec(container, "ls /var/lib/docker")).contains("kept-across-reboots");
        assertThat(exec(container, "cat /var/log/cloud-init-output.log")).containsOnlyOnce("user data started")
                .contains("the user data ran at the first boot; not again")
                .containsOnlyOnce("per-boot /var/lib/cloud/scripts/per-boot/10-a started")
                .doesNotContain("30-c");
    }
}
