package dev.spotrun.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.domain.ImageRef;
import dev.spotrun.domain.RegistryCredentials;
import dev.spotrun.domain.port.RegistryPort;
import org.junit.jupiter.api.Test;

/** What every {@link RegistryPort} must do. */
public abstract class RegistryPortContract {

    /** The port under test. */
    protected abstract RegistryPort registry();

    /** An image on a registry this port has credentials for. */
    protected abstract ImageRef privateImage();

    /** An image on a registry this port knows nothing about. */
    protected abstract ImageRef publicImage();

    @Test
    void anImageOnAKnownRegistryGetsCredentials() {
        RegistryCredentials credentials = registry().credentialsFor(privateImage()).orElseThrow();
        assertThat(credentials.username()).isNotBlank();
        assertThat(credentials.password()).isNotBlank();
        assertThat(credentials.serverAddress()).contains(privateImage().registry());
    }

    @Test
    void credentialsNeverShowTheirPassword() {
        RegistryCredentials credentials = registry().credentialsFor(privateImage()).orElseThrow();
        assertThat(credentials.toString()).doesNotContain(credentials.password());
    }

    @Test
    void askingTwiceGivesCredentialsForTheSameRegistry() {
        RegistryCredentials first = registry().credentialsFor(privateImage()).orElseThrow();
        RegistryCredentials second = registry().credentialsFor(privateImage()).orElseThrow();
        assertThat(second.serverAddress()).isEqualTo(first.serverAddress());
        assertThat(second.username()).isEqualTo(first.username());
    }

    @Test
    void anImageOnAnotherRegistryGetsNone() {
        assertThat(registry().credentialsFor(publicImage())).isEmpty();
    }
}
