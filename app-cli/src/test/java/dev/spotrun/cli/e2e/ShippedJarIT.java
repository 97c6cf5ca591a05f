package dev.spotrun.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * What ships: the built {@code spotrun.jar} holds the product, and nothing of the testkit or of a test or
 * container library (they are not needed to run, and each would only make the jar bigger and slower to open).
 * An integration test because the jar is made by {@code package}, after the unit tests.
 */
class ShippedJarIT {

    private static final List<String> NOT_SHIPPED = List.of("org/junit/", "org/assertj/", "org/testcontainers/",
            "dev/spotrun/testkit/", "org/opentest4j/", "net/bytebuddy/");

    @Test
    void theJarHoldsTheLocalCloudButNoTestkitNoTestLibraryAndNoTestcontainers() throws IOException {
        assertThat(Spotrun.JAR).as("built by mvn package").exists();
        try (ZipFile jar = new ZipFile(Spotrun.JAR.toFile())) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();

            assertThat(names).filteredOn(name -> NOT_SHIPPED.stream().anyMatch(name::startsWith))
                    .as("entries that must not ship").isEmpty();
            assertThat(names).contains("dev/spotrun/localcloud/LocalCloud.class",
                    "dev/spotrun/localcloud/fake-ec2-init.sh", "dev/spotrun/localcloud/fake-ec2-net.sh",
                    "dev/spotrun/cli/Main.class");
            System.out.printf("spotrun.jar: %d bytes, %d entries%n", Files.size(Spotrun.JAR), names.size());
        }
    }
}
