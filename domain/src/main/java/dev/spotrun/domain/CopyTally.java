package dev.spotrun.domain;

/**
 * How much of a copy is done: the entries (files, directories and links) and the bytes of file contents.
 */
public record CopyTally(long files, long bytes) {

    public static final CopyTally NONE = new CopyTally(0, 0);

    /** This tally with one more entry of {@code size} bytes. */
    public CopyTally plus(long size) {
        return new CopyTally(files + 1, bytes + size);
    }
}
