package dev.spotrun.cli.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Asks the local Docker engine, through its command line, what the local cloud left on it. */
final class LocalDocker {

    /** The label the local cloud puts on each fake EC2 host: the instance's id. */
    static final String INSTANCE_LABEL = "dev.spotrun.testkit.local-cloud.instance";
    /** The images {@code scripts/build-images.sh} builds, which the local cloud needs. */
    static final List<String> IMAGES = List.of("spotrun/busybox:latest", "spotrun/dind-host:bookworm",
            "spotrun/registry:2");

    private LocalDocker() {
    }

    /** The containers, running or not, of the fake host of {@code instanceId}. */
    static List<String> hostsOf(String instanceId) {
        return lines("docker", "ps", "-aq", "--filter", "label=" + INSTANCE_LABEL + "=" + instanceId);
    }

    /** Fails with what to do when an image the local cloud needs is missing. */
    static void requireImages() {
        for (String image : IMAGES) {
            if (lines("docker", "image", "ls", "-q", image).isEmpty()) {
                throw new IllegalStateException("the image " + image + " is missing: run scripts/build-images.sh");
            }
        }
    }

    static List<String> lines(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out.lines().filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
