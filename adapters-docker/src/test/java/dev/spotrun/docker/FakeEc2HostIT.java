package dev.spotrun.docker;

import dev.spotrun.localcloud.FakeEc2Host;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotrun.aws.BootScript;
import dev.spotrun.domain.failure.EngineUnreachable;
import dev.spotrun.domain.port.ContainerEngine;
import dev.spotrun.domain.port.ContainerEnginePort;
import dev.spotrun.domain.port.EngineTrust;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fake EC2 host booted from spotrun's boot script: a Docker engine that answers only this run's client. */
class FakeEc2HostIT {

    private static final ContainerEnginePort ENGINES = DockerEngines.create();
    private static EngineHosts hosts;
    private static EngineTrust trust;
    private static FakeEc2Host host;
    private static ContainerEngine engine;

    @BeforeAll
    static void boot() throws InterruptedException {
        hosts = new EngineHosts();
        trust = ENGINES.newTrust("sr-fake-host-it", Duration.ofHours(1));
        long started = System.nanoTime();
        host = hosts.boot(trust);
        long running = System.nanoTime();
        engine = ENGINES.connect(host.address(), trust);
        EngineHosts.awaitPing(engine, Duration.ofSeconds(60));
        System.out.printf("fake host %s: start() took %d ms, first TLS ping %d ms after it returned%n",
                host.address(), (running - started) / 1_000_000, (System.nanoTime() - running) / 1_000_000);
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
        if (hosts != null) {
            hosts.close();
            hosts.assertNothingLeft();
        }
    }

    @Test
    void runs_its_user_data_once_and_its_engine_listens_with_tls_on_2376_only() {
        assertThat(host.bootOutput())
                .containsOnlyOnce("spotrun-boot: starting Docker on port 2376 (TLS only)")
                .contains("fake-ec2-host: user data exited with 0");
        assertThat(host.exec("sh", "-c", "tr '\\0' ' ' < /proc/$(pidof dockerd)/cmdline"))
                .contains("--tlsverify").contains("-H tcp://0.0.0.0:2376").doesNotContain("2375");
        assertThat(host.exec("stat", "-c", "%a %U", "/etc/spotrun/tls/server-key.pem").strip()).isEqualTo("600 root");
        // /proc/net/tcp lists listening sockets (state 0A) by hex port: 2376 is 0948, 2375 would be 0947.
        assertThat(host.exec("sh", "-c", "awk '$4 == \"0A\" { print $2 }' /proc/net/tcp /proc/net/tcp6"))
                .contains(":0948").doesNotContain(":0947");
        assertThat(host.address()).matches("127\\.0\\.0\\.\\d+").isNotEqualTo("127.0.0.1");
    }

    @Test
    void a_client_without_the_runs_client_certificate_is_refused() throws Exception {
        String answer = ForeignTls.ping(ForeignTls.client(trust.bootstrap().caCertPem(), false), host.address(), 2376);
        System.out.println("without a client certificate: " + answer);
        assertThat(answer).doesNotContain("200 OK").doesNotContain("Api-Version")
                .containsAnyOf("bad_certificate", "certificate_required", "unknown_ca", "Connection reset");
    }

    @Test
    void a_client_with_another_runs_certificate_is_refused() throws Exception {
        String answer = ForeignTls.ping(ForeignTls.client(trust.bootstrap().caCertPem(), true), host.address(), 2376);
        System.out.println("with another run's client certificate: " + answer);
        assertThat(answer).doesNotContain("200 OK").doesNotContain("Api-Version")
                .containsAnyOf("bad_certificate", "certificate_required", "unknown_ca", "Connection reset");
    }

    @Test
    void another_runs_client_does_not_trust_this_engine() {
        EngineTrust other = ENGINES.newTrust("sr-another-run", Duration.ofHours(1));
        try (ContainerEngine stranger = ENGINES.connect(host.address(), other)) {
            assertThatThrownBy(stranger::ping).isInstanceOf(EngineUnreachable.class)
                    .hasMessageContaining("certificate that this run did not issue");
        }
    }

    @Test
    void plain_http_gets_no_answer_on_2375_nor_on_2376() {
        System.out.println("plain HTTP to 2376: " + ForeignTls.plainPing(host.address(), 2376).lines().findFirst().orElse(""));
        assertThat(ForeignTls.plainPing(host.address(), 2375)).startsWith("failed:").contains("Connection refused");
        assertThat(ForeignTls.plainPing(host.address(), 2376)).doesNotContain("200 OK").doesNotContain("Api-Version");
    }

    @Test
    void each_host_has_a_loopback_address_of_its_own() {
        FakeEc2Host second = hosts.boot(ENGINES.newTrust("sr-second-host", Duration.ofHours(1)));
        try {
            assertThat(second.address()).isNotEqualTo(host.address()).startsWith("127.0.0.");
        } finally {
            hosts.stop(second);
        }
        assertThat(second.isRunning()).isFalse();
    }

    @Test
    void powers_itself_off_at_its_expiry() throws InterruptedException {
        FakeEc2Host expiring = hosts.boot(ENGINES.newTrust("sr-expiring", Duration.ofHours(1)), Instant.now().plusSeconds(4));
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (expiring.isRunning() && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            assertThat(expiring.isRunning()).as("running after its expiry").isFalse();
        } finally {
            hosts.stop(expiring);
        }
    }

    @Test
    void powers_itself_off_once_no_client_has_been_connected_for_its_abandon_window() throws Exception {
        EngineTrust abandoned = ENGINES.newTrust("sr-abandoned", Duration.ofHours(1));
        Duration window = Duration.ofSeconds(12);
        FakeEc2Host host = hosts.boot(BootScript.render(abandoned.bootstrap(), Instant.now().plusSeconds(3600), window));
        try {
            try (ContainerEngine client = ENGINES.connect(host.address(), abandoned)) {
                EngineHosts.awaitPing(client, Duration.ofSeconds(60));
            }
            long closed = System.nanoTime();
            awaitPowerOff(host, Duration.ofSeconds(60));
            long seconds = (System.nanoTime() - closed) / 1_000_000_000;
            System.out.printf("abandoned host powered itself off %d s after its last client left (window %d s)%n",
                    seconds, window.toSeconds());
            assertThat(seconds).as("not before its window").isGreaterThanOrEqualTo(window.toSeconds() - 2);
        } finally {
            hosts.stop(host);
        }
    }

    @Test
    void stays_up_while_a_client_is_connected_and_its_window_starts_when_the_client_leaves() throws Exception {
        EngineTrust kept = ENGINES.newTrust("sr-kept", Duration.ofHours(1));
        FakeEc2Host host = hosts.boot(BootScript.render(kept.bootstrap(), Instant.now().plusSeconds(3600),
                Duration.ofSeconds(8)));
        try {
            try (ContainerEngine client = ENGINES.connect(host.address(), kept)) {
                EngineHosts.awaitPing(client, Duration.ofSeconds(60));
            }
            // Any TCP connection to the engine's port counts as a client: spotrun's log stream and exit wait are.
            try (java.net.Socket connected = new java.net.Socket(host.address(), host.enginePort())) {
                Thread.sleep(Duration.ofSeconds(20).toMillis());
                assertThat(host.isRunning()).as("powered off while a client was connected").isTrue();
            }
            awaitPowerOff(host, Duration.ofSeconds(40));
        } finally {
            hosts.stop(host);
        }
    }

    private static void awaitPowerOff(FakeEc2Host host, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (host.isRunning() && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertThat(host.isRunning()).as("still running after " + limit + ": " + bootLog(host)).isFalse();
    }

    private static String bootLog(FakeEc2Host host) {
        try {
            return host.bootOutput();
        } catch (RuntimeException stopped) {
            return "(stopped)";
        }
    }
}
