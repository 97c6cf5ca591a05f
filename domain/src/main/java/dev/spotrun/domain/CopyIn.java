package dev.spotrun.domain;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A local file or directory put into the container after it is created and before it starts, as
 * {@code docker cp SOURCE CONTAINER:DESTINATION} would: a file becomes the file {@code destination}, a directory's
 * contents become those of the directory {@code destination}. The directory that holds {@code destination} must
 * exist in the image. A directory may hold a {@code .dockerignore}, whose rules leave out what they match.
 *
 * @param source      the local file or directory
 * @param destination the absolute path it becomes in the container
 */
public record CopyIn(Path source, String destination) {

    public CopyIn {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
    }

    /** The container path's directory, where the engine unpacks the copy: {@code /work} for {@code /work/src}. */
    public String parent() {
        String trimmed = trimmed();
        int slash = trimmed.lastIndexOf('/');
        return slash <= 0 ? "/" : trimmed.substring(0, slash);
    }

    /** The last name of the destination, which the copy's top entry takes; "" for the root. */
    public String name() {
        String trimmed = trimmed();
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private String trimmed() {
        String d = destination;
        while (d.length() > 1 && d.endsWith("/")) {
            d = d.substring(0, d.length() - 1);
        }
        return d;
    }
}
