package dev.spotrun.testkit;

import dev.spotrun.domain.ImageRef;
import dev.spotrun.domain.port.ContainerEnginePort;
import dev.spotrun.domain.port.EngineTrust;
import dev.spotrun.testkit.contract.ContainerEngineContract;
import java.time.Duration;

class InMemoryContainerEngineContractTest extends ContainerEngineContract {

    private static final String IMAGE = "registry.test/tools/busybox:1";

    private final InMemoryContainerEngine engines = new InMemoryContainerEngine(new VirtualClock())
            .engineStartDelay(Duration.ZERO)
            .publishImage(IMAGE, "sh");

    @Override
    protected ContainerEnginePort engines() {
        return engines;
    }

    @Override
    protected String bootHost(EngineTrust trust) {
        return engines.bootHost(trust.bootstrap());
    }

    @Override
    protected ImageRef workloadImage() {
        return ImageRef.parse(IMAGE);
    }
}
