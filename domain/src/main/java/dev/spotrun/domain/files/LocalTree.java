package dev.spotrun.domain.files;

import dev.spotrun.domain.CopyIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * The entries of a {@link CopyIn}'s source, named as they land in the container's destination directory, in the
 * order an archive holds them: a directory before what it holds. Links are entries of their own, never followed;
 * what the source directory's {@code .dockerignore} excludes is left out. Walks the file system as it goes: the
 * whole tree is never held.
 */
public final class LocalTree {

    /** The name of the file of ignore rules in a source directory. */
    public static final String IGNORE_FILE = ".dockerignore";

    /** What an entry is. */
    public enum Kind { DIRECTORY, FILE, SYMLINK }

    /**
     * One entry.
     *
     * @param name   its name in the archive, with {@code /} ({@code work/src/a.txt})
     * @param kind   what it is
     * @param mode   its permission bits ({@code 0755})
     * @param size   a file's length in bytes; 0 for the others
     * @param target a link's target, as written; "" for the others
     * @param path   where it is on this machine
     */
    public record Entry(String name, Kind kind, int mode, long size, String target, Path path) {
    }

    /** Receives each entry; an {@link IOException} ends the walk. */
    @FunctionalInterface
    public interface Visitor {
        void visit(Entry entry) throws IOException;
    }

    private LocalTree() {
    }

    /** Walks the copy's source and hands every entry it keeps to {@code visitor}, in order. */
    public static void walk(CopyIn copy, Visitor visitor) throws IOException {
        Path root = copy.source();
        String top = copy.name();
        IgnoreRules rules = ignoreRules(root);
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                String relative = relative(root, dir);
                if (!relative.isEmpty() && rules.excludes(relative)) {
                    // A directory left out is still walked when an exception may take back something in it.
                    return rules.hasExceptions() ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
                }
                String name = join(top, relative);
                if (!name.isEmpty()) {
                    visitor.visit(new Entry(name + "/", Kind.DIRECTORY, mode(dir), 0, "", dir));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String relative = relative(root, file);
                if (!relative.isEmpty() && rules.excludes(relative)) {
                    return FileVisitResult.CONTINUE;
                }
                String name = join(top, relative);
                if (attrs.isSymbolicLink()) {
                    String target = Files.readSymbolicLink(file).toString();
                    visitor.visit(new Entry(name, Kind.SYMLINK, 0777, 0, target, file));
                } else if (attrs.isRegularFile()) {
                    visitor.visit(new Entry(name, Kind.FILE, mode(file), attrs.size(), "", file));
                }
                // Sockets, pipes and devices are not copied, as docker cp leaves them out of its archives too.
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static IgnoreRules ignoreRules(Path root) throws IOException {
        Path file = root.resolve(IGNORE_FILE);
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS) || !Files.isRegularFile(file)) {
            return IgnoreRules.NONE;
        }
        return IgnoreRules.parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    private static String relative(Path root, Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }

    private static String join(String top, String relative) {
        if (top.isEmpty()) {
            return relative;
        }
        return relative.isEmpty() ? top : top + "/" + relative;
    }

    /** The permission bits, set-id and sticky bits included where the file system tells them. */
    static int mode(Path path) throws IOException {
        try {
            Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return ((Integer) mode) & 07777;
        } catch (UnsupportedOperationException | IllegalArgumentException notUnix) {
            return bits(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
        }
    }

    static int bits(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }

    /** Wraps {@link #walk} for callers that cannot throw. */
    public static void walkUnchecked(CopyIn copy, Visitor visitor) {
        try {
            walk(copy, visitor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
