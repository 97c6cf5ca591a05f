package dev.spotrun.domain.run;

import dev.spotrun.domain.Artifact;
import dev.spotrun.domain.CopyIn;
import dev.spotrun.domain.RunSpec;
import dev.spotrun.domain.failure.InvalidRunSpec.Problem;
import dev.spotrun.domain.failure.SpecField;
import dev.spotrun.domain.files.IgnoreRules;
import dev.spotrun.domain.files.LocalTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The rules of what is copied in and out, checked on this machine's own files before anything is provisioned:
 * a copy whose source is missing would otherwise fail on a machine that is already paid for.
 */
final class FileRules {

    private FileRules() {
    }

    static void check(RunSpec spec, List<Problem> problems) {
        for (CopyIn copy : spec.copies()) {
            checkCopy(copy, problems);
        }
        for (Artifact artifact : spec.artifacts()) {
            checkArtifact(artifact, problems);
        }
    }

    private static void checkCopy(CopyIn copy, List<Problem> problems) {
        Path source = copy.source();
        String value = source + ":" + copy.destination();
        if (source.toString().isEmpty()) {
            problems.add(new Problem(SpecField.COPIES, value, "the source is empty; name a local file or directory"));
        } else if (!Files.exists(source)) {
            problems.add(new Problem(SpecField.COPIES, value, "no such local file or directory: " + source));
        } else if (!Files.isReadable(source) || Files.isDirectory(source) && !Files.isExecutable(source)) {
            problems.add(new Problem(SpecField.COPIES, value, "the source cannot be read: " + source));
        } else if (copy.name().isEmpty() && !Files.isDirectory(source)) {
            problems.add(new Problem(SpecField.COPIES, value, "a file cannot become the container's root directory;"
                    + " name a file path"));
        }
        containerPath(SpecField.COPIES, value, copy.destination(), "destination", problems);
        Path ignore = source.resolve(LocalTree.IGNORE_FILE);
        if (Files.isDirectory(source) && Files.isRegularFile(ignore)) {
            try {
                IgnoreRules.parse(Files.readString(ignore, StandardCharsets.UTF_8));
            } catch (IOException | IllegalArgumentException e) {
                problems.add(new Problem(SpecField.COPIES, value, "its " + LocalTree.IGNORE_FILE + " cannot be used: "
                        + e.getMessage()));
            }
        }
    }

    private static void checkArtifact(Artifact artifact, List<Problem> problems) {
        String value = artifact.containerPath() + ":" + artifact.localDir();
        if (containerPath(SpecField.ARTIFACTS, value, artifact.containerPath(), "container path", problems)
                && artifact.containerPath().replaceAll("/+$", "").isEmpty()) {
            problems.add(new Problem(SpecField.ARTIFACTS, value, "the container's root directory cannot be copied"
                    + " out; name a file or directory in it"));
        }
        Path dir = artifact.localDir();
        if (dir.toString().isEmpty()) {
            problems.add(new Problem(SpecField.ARTIFACTS, value, "the local directory is empty; leave out the"
                    + " colon to use the current directory"));
        } else if (Files.exists(dir) && !Files.isDirectory(dir)) {
            problems.add(new Problem(SpecField.ARTIFACTS, value, "not a directory: " + dir));
        } else if (Files.isDirectory(dir) && !Files.isWritable(dir)) {
            problems.add(new Problem(SpecField.ARTIFACTS, value, "the local directory cannot be written: " + dir));
        }
    }

    /** A container path is absolute and one line; adds a problem and returns false when it is not. */
    private static boolean containerPath(String field, String value, String path, String what,
                                         List<Problem> problems) {
        if (path.isEmpty()) {
            problems.add(new Problem(field, value, "the " + what + " is empty; give an absolute path in the"
                    + " container, e.g. /work"));
            return false;
        }
        if (!path.startsWith("/")) {
            problems.add(new Problem(field, value, "the " + what + " '" + path + "' is relative; give an absolute"
                    + " path in the container, e.g. /" + path));
            return false;
        }
        if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            problems.add(new Problem(field, value, "the " + what + " holds a control character"));
            return false;
        }
        return true;
    }
}
