package dev.spotrun.domain.files;

import dev.spotrun.domain.ArtifactReport;
import dev.spotrun.domain.CopyTally;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Writes the entries of an archive that came out of a container into one local directory, and nothing outside
 * it: an entry whose name is absolute or holds {@code ..}, or whose way leads through a link (one that exists in
 * the directory already, or one an earlier entry made), is refused and reported, not written. A file that exists
 * already is refused too, unless overwriting was asked for. Links are made as links, pointing where they pointed.
 * Not thread-safe: one extraction, one archive, one thread.
 */
public final class Extraction {

    private static final int BUFFER = 256 * 1024;
    /** A big file reports its progress while it is written, every this many bytes. */
    private static final long PROGRESS_BYTES = 8L << 20;

    private final Path root;
    private final boolean overwrite;
    private final Consumer<CopyTally> progress;
    private final List<ArtifactReport.Refusal> refused = new ArrayList<>();
    private CopyTally written = CopyTally.NONE;

    /**
     * @param root      the local directory; created when missing
     * @param overwrite whether a file that exists may be replaced
     * @param progress  told the tally after each entry written
     */
    public Extraction(Path root, boolean overwrite, Consumer<CopyTally> progress) throws IOException {
        Files.createDirectories(root);
        this.root = root.toRealPath();
        this.overwrite = overwrite;
        this.progress = progress;
    }

    /** A directory entry; one that exists already is kept, with its mode. */
    public void directory(String name, int mode) throws IOException {
        Path target = place(name);
        if (target == null) {
            return;
        }
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            refuse(name, "something that is not a directory exists there already");
            return;
        }
        Files.createDirectories(target);
        permissions(target, mode);
        count(0);
    }

    /** A file entry with its content, which is read to its end whether it is written or not. */
    public void file(String name, int mode, InputStream content) throws IOException {
        Path target = place(name);
        if (target == null || !replaceable(name, target)) {
            content.transferTo(OutputStream.nullOutputStream());
            return;
        }
        Files.createDirectories(target.getParent());
        long size = 0;
        long reported = 0;
        byte[] buffer = new byte[BUFFER];
        // Never through a link: one made meanwhile makes the open fail rather than write where it points.
        try (OutputStream out = Files.newOutputStream(target, LinkOption.NOFOLLOW_LINKS, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            for (int n; (n = content.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                size += n;
                if (size - reported >= PROGRESS_BYTES) {
                    reported = size;
                    progress.accept(new CopyTally(written.files(), written.bytes() + size));
                }
            }
        }
        permissions(target, mode);
        count(size);
    }

    /** A link entry, made as a link to {@code linkTarget}; later entries through it are refused. */
    public void symlink(String name, String linkTarget) throws IOException {
        Path target = place(name);
        if (target == null || !replaceable(name, target)) {
            return;
        }
        Files.createDirectories(target.getParent());
        Files.deleteIfExists(target);
        try {
            Files.createSymbolicLink(target, Path.of(linkTarget));
        } catch (FileAlreadyExistsException raced) {
            refuse(name, "a file exists there already");
            return;
        }
        count(0);
    }

    /** An entry not written for a reason of the archive's own (a hard link, a device). */
    public void refuse(String name, String reason) {
        refused.add(new ArtifactReport.Refusal(name, reason));
    }

    /** What was written and refused so far. */
    public ArtifactReport report() {
        return new ArtifactReport(true, written, refused);
    }

    /** Where the entry goes, or null (and a refusal) when it would leave the directory or pass a link. */
    private Path place(String name) {
        String relative = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        while (relative.startsWith("./")) {
            relative = relative.substring(2);
        }
        if (relative.isEmpty() || relative.equals(".")) {
            return null; // the archive's own top: the directory itself
        }
        if (name.startsWith("/") || name.contains("\\") || name.indexOf('\0') >= 0) {
            refuse(name, "an absolute or unsafe name");
            return null;
        }
        Path at = root;
        String[] parts = relative.split("/");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.equals("..")) {
                refuse(name, "its name leads out of " + root + " (..)");
                return null;
            }
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            at = at.resolve(part);
            if (i < parts.length - 1 && Files.isSymbolicLink(at)) {
                refuse(name, "its way leads through the link " + root.relativize(at));
                return null;
            }
        }
        return at.startsWith(root) && !at.equals(root) ? at : null;
    }

    private boolean replaceable(String name, Path target) {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            refuse(name, "a directory exists there already");
            return false;
        }
        if (!overwrite) {
            refuse(name, "a file exists there already and is not overwritten");
            return false;
        }
        if (Files.isSymbolicLink(target)) {
            // Replacing the link itself, never writing through it.
            try {
                Files.delete(target);
            } catch (IOException e) {
                refuse(name, "the link there could not be replaced: " + e.getMessage());
                return false;
            }
        }
        return true;
    }

    private void count(long size) {
        written = written.plus(size);
        progress.accept(written);
    }

    private static void permissions(Path target, int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : PosixFilePermission.values()) {
            if ((mode & (1 << (8 - p.ordinal()))) != 0) {
                permissions.add(p);
            }
        }
        try {
            Files.setPosixFilePermissions(target, permissions);
        } catch (UnsupportedOperationException | IOException notPosix) {
            // A file system without POSIX modes keeps its own; the content is what matters there.
        }
    }
}
