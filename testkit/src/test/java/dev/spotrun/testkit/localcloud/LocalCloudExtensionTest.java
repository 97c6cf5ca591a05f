package dev.spotrun.testkit.localcloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.localcloud.LocalCloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JUnit 5 extension hands its one cloud to test methods, cleared before each test. */
class LocalCloudExtensionTest {

    @RegisterExtension
    static final LocalCloudExtension LOCAL = new LocalCloudExtension();

    @Test
    void theExtensionHandsOutItsCloudAndClearsItBeforeEachTest(LocalCloud injected) {
        assertThat(injected).isSameAs(LOCAL.cloud());
        assertThat(injected.requests()).isEmpty();
    }
}
