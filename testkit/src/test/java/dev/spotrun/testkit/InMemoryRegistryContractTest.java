package dev.spotrun.testkit;

import dev.spotrun.domain.ImageRef;
import dev.spotrun.domain.RegistryCredentials;
import dev.spotrun.domain.port.RegistryPort;
import dev.spotrun.testkit.contract.RegistryPortContract;

class InMemoryRegistryContractTest extends RegistryPortContract {

    private static final String HOST = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";

    private final InMemoryRegistry registry = new InMemoryRegistry()
            .grant(HOST, new RegistryCredentials("https://" + HOST, "AWS", "s3cr3t-token"));

    @Override
    protected RegistryPort registry() {
        return registry;
    }

    @Override
    protected ImageRef privateImage() {
        return ImageRef.parse(HOST + "/team/job:7");
    }

    @Override
    protected ImageRef publicImage() {
        return ImageRef.parse("busybox:1.36");
    }
}
