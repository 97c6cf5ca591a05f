package dev.spotrun.domain;

import java.util.List;
import java.util.Objects;

/**
 * What copying one {@link Artifact} out did.
 *
 * @param found   false when the path does not exist in the container: nothing was written
 * @param written the entries written and their bytes
 * @param refused the entries not written and why (outside the local directory, through a link, or a file that
 *                exists already)
 */
public record ArtifactReport(boolean found, CopyTally written, List<Refusal> refused) {

    public ArtifactReport {
        Objects.requireNonNull(written, "written");
        refused = List.copyOf(refused);
    }

    /** The report of a path the container does not have. */
    public static ArtifactReport missing() {
        return new ArtifactReport(false, CopyTally.NONE, List.of());
    }

    /** An entry of the archive that was not written, as the archive named it. */
    public record Refusal(String entry, String reason) {
    }
}
