package dev.spotrun.docker;

import dev.spotrun.domain.ArtifactReport;
import dev.spotrun.domain.CopyIn;
import dev.spotrun.domain.CopyTally;
import dev.spotrun.domain.files.Extraction;
import dev.spotrun.domain.files.LocalTree;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * The tar archives of Docker's archive API, one entry at a time: a {@link LocalTree} written as one, and one read
 * into an {@link Extraction}. Neither holds more than a buffer, whatever the size of the files.
 */
final class TarStreams {

    private static final int BUFFER = 256 * 1024;
    /**
     * Records of one block: nothing follows the archive's end marker. The engine answers once it has read the
     * marker; padding after it (10 KiB records by default) was still being sent, and the answer closed the pipe
     * under it.
     */
    private static final int RECORD = 512;
    private static final long PROGRESS_BYTES = 8L << 20;
    private static final int FILE_TYPE = 0100000;
    private static final int DIRECTORY_TYPE = 040000;
    private static final int LINK_TYPE = 0120000;

    private TarStreams() {
    }

    /** Writes the copy's tree to {@code out} as a tar archive, owned by root as {@code docker cp} makes them. */
    static CopyTally write(CopyIn copy, OutputStream out, Consumer<CopyTally> progress) throws IOException {
        CopyTally[] tally = {CopyTally.NONE};
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new BufferedOutputStream(out, BUFFER), RECORD)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            LocalTree.walk(copy, entry -> {
                tar.putArchiveEntry(header(entry));
                if (entry.kind() == LocalTree.Kind.FILE) {
                    long copied = content(entry, tar, tally[0], progress);
                    if (copied != entry.size()) {
                        throw new IOException(entry.path() + " changed size while it was copied");
                    }
                }
                tar.closeArchiveEntry();
                tally[0] = tally[0].plus(entry.size());
                progress.accept(tally[0]);
            });
            tar.finish();
        }
        return tally[0];
    }

    /** Copies a file's content, telling the tally every {@link #PROGRESS_BYTES}: one big file takes a while. */
    private static long content(LocalTree.Entry entry, OutputStream tar, CopyTally before,
                                Consumer<CopyTally> progress) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long copied = 0;
        long reported = 0;
        try (InputStream in = Files.newInputStream(entry.path())) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                tar.write(buffer, 0, n);
                copied += n;
                if (copied - reported >= PROGRESS_BYTES) {
                    reported = copied;
                    progress.accept(new CopyTally(before.files(), before.bytes() + copied));
                }
            }
        }
        return copied;
    }

    private static TarArchiveEntry header(LocalTree.Entry entry) throws IOException {
        TarArchiveEntry header = switch (entry.kind()) {
            case DIRECTORY -> new TarArchiveEntry(entry.name(), TarConstants.LF_DIR, true);
            case SYMLINK -> new TarArchiveEntry(entry.name(), TarConstants.LF_SYMLINK, true);
            case FILE -> new TarArchiveEntry(entry.name(), TarConstants.LF_NORMAL, true);
        };
        switch (entry.kind()) {
            case DIRECTORY -> header.setMode(DIRECTORY_TYPE | entry.mode());
            case SYMLINK -> {
                header.setMode(LINK_TYPE | 0777);
                header.setLinkName(entry.target());
            }
            case FILE -> {
                header.setMode(FILE_TYPE | entry.mode());
                header.setSize(entry.size());
            }
        }
        header.setIds(0, 0);
        header.setNames("root", "root");
        FileTime modified = Files.getLastModifiedTime(entry.path(), java.nio.file.LinkOption.NOFOLLOW_LINKS);
        header.setModTime(modified);
        return header;
    }

    /** Reads a tar archive into the extraction, entry by entry, and returns what it wrote and refused. */
    static ArtifactReport read(InputStream in, Extraction extraction) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(in, BUFFER))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                String name = entry.getName();
                int mode = entry.getMode() & 07777;
                if (entry.isSymbolicLink()) {
                    extraction.symlink(name, entry.getLinkName());
                } else if (entry.isLink()) {
                    extraction.refuse(name, "a hard link to " + entry.getLinkName() + " is not extracted");
                } else if (entry.isDirectory()) {
                    extraction.directory(name, mode);
                } else if (entry.isFile()) {
                    extraction.file(name, mode, tar);
                } else {
                    extraction.refuse(name, "not a file, directory or link");
                }
            }
        }
        return extraction.report();
    }
}
