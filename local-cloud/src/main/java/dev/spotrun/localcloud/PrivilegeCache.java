package dev.spotrun.localcloud;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * What fake hosts learnt of an engine across processes: whether it refuses privileged containers. Trying
 * privileged mode and falling back costs about a second per process; a command line that starts a local cloud
 * per run would pay it on every run. The answer is kept in a small file in the user's cache directory, one line
 * per engine (keyed by the engine's ID, so that another engine, or the same machine after a reinstall, is asked
 * again). A missing, unreadable or corrupt file means "not known": privileged mode is tried again. Writes are
 * atomic (a whole new file moved into place), so that processes starting at once never read half a file.
 * Deleting the file makes the next host try privileged mode again.
 */
final class PrivilegeCache {

    static final String FILE = "local-cloud-privileged-mode.properties";
    private static final String WORKS = "works";
    private static final String REFUSED = "refused";
    private static final PrivilegeCache NONE = new PrivilegeCache(null);

    /** The cache file; null for a cache that remembers nothing beyond this process. */
    private final Path file;

    private PrivilegeCache(Path file) {
        this.file = file;
    }

    /** A cache in {@code directory} (made when first written). */
    static PrivilegeCache in(Path directory) {
        return new PrivilegeCache(directory.resolve(FILE));
    }

    /** No cache: every process tries privileged mode once. */
    static PrivilegeCache none() {
        return NONE;
    }

    /** Whether this cache keeps anything. */
    boolean enabled() {
        return file != null;
    }

    /**
     * What is known of this engine: {@link Boolean#TRUE} when privileged containers started on it,
     * {@link Boolean#FALSE} when it refused them, null when not known (no file, unreadable, corrupt, or another
     * engine).
     */
    Boolean privilegedWorks(String engineId) {
        if (file == null || engineId.isBlank()) {
            return null;
        }
        String value;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Properties known = new Properties();
            known.load(in);
            value = known.getProperty(engineId);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
        return WORKS.equals(value) ? Boolean.TRUE : REFUSED.equals(value) ? Boolean.FALSE : null;
    }

    /** Remembers the engine's answer; a cache that cannot be written is only a slower start next time. */
    void remember(String engineId, boolean privilegedWorks) {
        if (file == null || engineId.isBlank()) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Properties known = readable();
            known.setProperty(engineId, privilegedWorks ? WORKS : REFUSED);
            StringWriter text = new StringWriter();
            known.store(text, "Whether each Docker engine (by its ID) allows privileged containers; delete to ask"
                    + " again");
            Path temporary = Files.createTempFile(file.getParent(), FILE, ".tmp");
            try {
                Files.writeString(temporary, text.toString(), StandardCharsets.UTF_8);
                move(temporary);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException | RuntimeException e) {
            // Not remembered: the next process tries privileged mode again.
        }
    }

    private Properties readable() {
        Properties known = new Properties();
        try {
            known.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            // Missing or corrupt: start a new file.
            known.clear();
        }
        return known;
    }

    private void move(Path temporary) throws IOException {
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public String toString() {
        return file == null ? "PrivilegeCache[none]" : "PrivilegeCache[" + file + "]";
    }
}
