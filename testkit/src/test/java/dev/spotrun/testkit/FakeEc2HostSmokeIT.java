package dev.spotrun.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.aws.BootScript;
import dev.spotrun.docker.DockerEngines;
import dev.spotrun.domain.port.ContainerEngine;
import dev.spotrun.domain.port.ContainerEnginePort;
import dev.spotrun.domain.port.EngineTrust;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FakeEc2HostSmokeIT {

    @Test
    void boots_and_answers_a_tls_ping() throws Exception {
        ContainerEnginePort engines = DockerEngines.create();
        EngineTrust trust = engines.newTrust("sr-smoke");
        try (FakeEc2Host host = new FakeEc2Host(BootScript.render(trust.bootstrap(), Instant.now().plusSeconds(600)))) {
            long t0 = System.nanoTime();
            host.start();
            long started = System.nanoTime();
            try (ContainerEngine engine = engines.connect(host.address(), trust)) {
                String version = null;
                for (int i = 0; i < 200 && version == null; i++) {
                    try {
                        version = engine.ping();
                    } catch (RuntimeException e) {
                        if (i % 20 == 0) System.out.println("ping: " + e);
                        Thread.sleep(100);
                    }
                }
                System.out.printf("start %d ms, ping after %d ms, version %s, privileged %s%n",
                        (started - t0) / 1_000_000, (System.nanoTime() - started) / 1_000_000, version, host.privileged());
                System.out.println(host.bootOutput());
                assertThat(version).isNotBlank();
            }
        }
    }
}
