package dev.spotrun.cli.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.spotrun.aws.AwsAdapters;
import dev.spotrun.docker.DockerEngines;
import dev.spotrun.domain.port.ComputePort;
import dev.spotrun.domain.port.ContainerEnginePort;
import dev.spotrun.domain.port.RegistryPort;

/**
 * The ports every EC2-compatible cloud shares: compute and registry from whichever {@link AwsAdapters} the
 * cloud's module provides, and the machines' Docker engines over mutual TLS.
 */
final class AdapterPortsModule extends AbstractModule {

    @Provides
    ComputePort compute(AwsAdapters aws) {
        return aws.compute();
    }

    @Provides
    RegistryPort registry(AwsAdapters aws) {
        return aws.registry();
    }

    @Provides
    @Singleton
    ContainerEnginePort engines() {
        return DockerEngines.create();
    }
}
