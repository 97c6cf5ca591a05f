package dev.spotrun.domain;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A path copied out of the container once it ended, as {@code docker cp CONTAINER:PATH LOCAL_DIR/} would: the file
 * or directory lands in {@code localDir} under its own name ({@code /out/reports} as {@code LOCAL_DIR/reports}).
 * Nothing is written outside {@code localDir}.
 *
 * @param containerPath the absolute path in the container
 * @param localDir      the local directory to put it in; created when missing
 */
public record Artifact(String containerPath, Path localDir) {

    public Artifact {
        Objects.requireNonNull(containerPath, "containerPath");
        Objects.requireNonNull(localDir, "localDir");
    }
}
