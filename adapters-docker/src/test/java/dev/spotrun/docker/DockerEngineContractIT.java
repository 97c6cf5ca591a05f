package dev.spotrun.docker;

import dev.spotrun.localcloud.FakeEc2Host;
import dev.spotrun.domain.ImageRef;
import dev.spotrun.domain.RegistryCredentials;
import dev.spotrun.domain.port.ContainerEnginePort;
import dev.spotrun.domain.port.EngineTrust;
import dev.spotrun.testkit.contract.ContainerEngineContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The Docker adapter passes the same contract as the in-memory engine, on fake EC2 hosts. */
class DockerEngineContractIT extends ContainerEngineContract {

    private static final ContainerEnginePort ENGINES = DockerEngines.create();
    private static EngineHosts hosts;
    private final List<FakeEc2Host> booted = new ArrayList<>();

    @BeforeAll
    static void startRegistry() {
        hosts = new EngineHosts().withRegistry();
    }

    @AfterAll
    static void stopRegistry() {
        if (hosts != null) {
            hosts.close();
            hosts.assertNothingLeft();
        }
    }

    @AfterEach
    void stopHosts() {
        booted.forEach(hosts::stop);
    }

    @Override
    protected ContainerEnginePort engines() {
        return ENGINES;
    }

    @Override
    protected String bootHost(EngineTrust trust) {
        FakeEc2Host host = hosts.boot(trust);
        booted.add(host);
        return host.address();
    }

    @Override
    protected ImageRef workloadImage() {
        return hosts.workload();
    }

    @Override
    protected RegistryCredentials workloadCredentials() {
        return hosts.registry().credentials();
    }
}
