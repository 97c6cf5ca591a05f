package dev.spotrun.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.spotrun.domain.failure.CloudNotConfigured;
import dev.spotrun.domain.failure.CloudNotConfigured.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS clients built as spotrun builds them, with the SDK's own chains pointed at empty profile files and
 * no instance metadata (through the SDK's system properties, which win over the environment), so that what
 * is missing is missing for sure: each way the SDK fails becomes the domain's {@link CloudNotConfigured}.
 */
class ClientSetupTest {

    private static final List<String> PROPERTIES = List.of("aws.region", "aws.endpointUrl", "aws.configFile",
            "aws.sharedCredentialsFile", "aws.disableEc2Metadata", "aws.accessKeyId", "aws.secretAccessKey");

    @TempDir
    Path home;

    private final Map<String, String> saved = new HashMap<>();

    @BeforeEach
    void emptyChains() throws IOException {
        for (String name : PROPERTIES) {
            saved.put(name, System.getProperty(name));
            System.clearProperty(name);
        }
        System.setProperty("aws.configFile", Files.writeString(home.resolve("config"), "").toString());
        System.setProperty("aws.sharedCredentialsFile", Files.writeString(home.resolve("credentials"), "").toString());
        System.setProperty("aws.disableEc2Metadata", "true");
    }

    @AfterEach
    void restore() {
        saved.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    private static void assumeUnsetInTheEnvironment(String... names) {
        for (String name : names) {
            assumeTrue(System.getenv(name) == null, name + " is set in this environment and would be used");
        }
    }

    @Test
    void noRegionAnywhereIsARegionProblem() {
        assumeUnsetInTheEnvironment("AWS_REGION", "AWS_DEFAULT_REGION");

        assertThatThrownBy(() -> AwsAdapters.builder().build()).isInstanceOfSatisfying(CloudNotConfigured.class, e -> {
            assertThat(e.setting()).isEqualTo(Setting.REGION);
            assertThat(e.getMessage()).startsWith("no region is set for the EC2 client").doesNotContain("@");
        });
    }

    @Test
    void aRegionThatIsNoRegionIsARegionProblem() {
        assertThatThrownBy(() -> AwsAdapters.builder().region("eu west 1").build())
                .isInstanceOfSatisfying(CloudNotConfigured.class, e -> {
                    assertThat(e.setting()).isEqualTo(Setting.REGION);
                    assertThat(e.getMessage()).startsWith("'eu west 1' is not a region");
                });
    }

    @Test
    void anEndpointUrlThatIsNoUrlIsAnEndpointProblem() {
        for (String url : List.of("localhost:4566", "not a url", "http://")) {
            System.setProperty("aws.endpointUrl", url);
            assertThatThrownBy(() -> AwsAdapters.builder().region("us-east-1").build()).as(url)
                    .isInstanceOfSatisfying(CloudNotConfigured.class,
                            e -> assertThat(e.setting()).isEqualTo(Setting.ENDPOINT));
        }
    }

    @Test
    void anEndpointThatIsNotHttpIsRefusedBeforeAnyCall() {
        System.setProperty("aws.endpointUrl", "ftp://127.0.0.1:4566");

        assertThatThrownBy(() -> AwsAdapters.builder().region("us-east-1").build())
                .isInstanceOfSatisfying(CloudNotConfigured.class, e -> {
                    assertThat(e.setting()).isEqualTo(Setting.ENDPOINT);
                    assertThat(e.getMessage()).contains("'ftp://127.0.0.1:4566' is not an http or https URL");
                });
    }

    @Test
    void aProfileWithoutCredentialsIsACredentialsProblemAtTheFirstCall() {
        assumeUnsetInTheEnvironment("AWS_ACCESS_KEY_ID", "AWS_WEB_IDENTITY_TOKEN_FILE",
                "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
        // Nothing may be sent anywhere should credentials turn up after all: nobody listens there.
        System.setProperty("aws.endpointUrl", "http://127.0.0.1:1");

        try (AwsAdapters aws = AwsAdapters.builder().region("us-east-1").profile("ci").build()) {
            assertThatThrownBy(() -> aws.compute().leftovers(java.time.Instant.now()).expiredMachines())
                    .isInstanceOfSatisfying(CloudNotConfigured.class, e -> {
                        assertThat(e.setting()).isEqualTo(Setting.CREDENTIALS);
                        assertThat(e.getMessage()).contains("profile 'ci'");
                    });
        }
    }
}
