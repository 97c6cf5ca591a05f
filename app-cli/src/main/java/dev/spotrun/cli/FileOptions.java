package dev.spotrun.cli;

import dev.spotrun.domain.Artifact;
import dev.spotrun.domain.CopyIn;
import dev.spotrun.domain.RunSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** What goes into the container before it starts, and what comes back once it ended. */
final class FileOptions {

    @Option(names = "--copy", paramLabel = "SRC:DEST", converter = CopyConverter.class,
            description = "Put a local file or directory into the container before it starts, at the absolute "
                    + "path DEST (its directory must exist in the image). A directory's .dockerignore is honoured. "
                    + "Repeatable.")
    List<CopyIn> copies = new ArrayList<>();

    @Option(names = "--artifact", paramLabel = "PATH[:DIR]", converter = ArtifactConverter.class,
            description = "Copy PATH out of the container into DIR (default: the current directory) once it "
                    + "ended, whatever its exit code, also after a timeout or a cancel. Repeatable.")
    List<Artifact> artifacts = new ArrayList<>();

    @Option(names = "--overwrite",
            description = "Let an artifact replace a local file that exists; without it such files are kept.")
    boolean overwrite;

    /** The spec with these copies and artifacts. */
    RunSpec applyTo(RunSpec spec) {
        return spec.withCopies(copies).withArtifacts(artifacts).withOverwriteArtifacts(overwrite);
    }

    /** {@code SRC:DEST}, split at the last colon: a local path may hold one, a container path rarely does. */
    static final class CopyConverter implements ITypeConverter<CopyIn> {
        @Override
        public CopyIn convert(String value) {
            return Converters.wrap(value, v -> {
                int colon = v.lastIndexOf(':');
                if (colon < 0) {
                    throw new IllegalArgumentException("'" + v + "' is not of the form SRC:DEST; e.g. ./src:/work");
                }
                return new CopyIn(Path.of(v.substring(0, colon)).toAbsolutePath(), v.substring(colon + 1));
            });
        }
    }

    /** {@code PATH[:DIR]}, split at the first colon; DIR is the current directory when left out. */
    static final class ArtifactConverter implements ITypeConverter<Artifact> {
        @Override
        public Artifact convert(String value) {
            return Converters.wrap(value, v -> {
                int colon = v.indexOf(':');
                if (colon < 0) {
                    return new Artifact(v, Path.of("").toAbsolutePath());
                }
                String dir = v.substring(colon + 1);
                return new Artifact(v.substring(0, colon), dir.isEmpty() ? Path.of("") : Path.of(dir).toAbsolutePath());
            });
        }
    }
}
