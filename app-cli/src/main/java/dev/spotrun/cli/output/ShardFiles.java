package dev.spotrun.cli.output;

import dev.spotrun.cli.config.UsageError;
import dev.spotrun.domain.LogStream;
import dev.spotrun.domain.port.LogSink;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --output-dir DIR}: each shard's stdout and stderr in files of their own, {@code DIR/shard-I.stdout} and
 * {@code DIR/shard-I.stderr}, byte for byte as the container wrote them (no prefix). The files are made (or
 * truncated) when the run starts, so that each shard has both files even when it writes nothing.
 */
public final class ShardFiles implements AutoCloseable {

    private final List<Sink> sinks = new ArrayList<>();
    private String problem;

    private ShardFiles() {
    }

    /** The file of shard {@code index}'s {@code stream} in {@code dir}. */
    public static Path file(Path dir, int index, LogStream stream) {
        return dir.resolve("shard-" + index + (stream == LogStream.STDOUT ? ".stdout" : ".stderr"));
    }

    /**
     * Makes the directory if needed and opens both files of every shard.
     *
     * @throws UsageError when the directory or a file cannot be written
     */
    public static ShardFiles open(String dir, int count) {
        ShardFiles files = new ShardFiles();
        try {
            Path root = Files.createDirectories(Path.of(dir));
            for (int i = 0; i < count; i++) {
                files.sinks.add(new Sink(files, open(file(root, i, LogStream.STDOUT)),
                        open(file(root, i, LogStream.STDERR))));
            }
            return files;
        } catch (IOException | InvalidPathException e) {
            files.close();
            throw unwritable(dir, String.valueOf(e.getMessage()), e);
        }
    }

    /**
     * Refuses a directory that {@link #open} could not write, without creating anything.
     *
     * @return why, or "" when it can be written
     */
    public static String problem(String dir) {
        Path path;
        try {
            path = Path.of(dir).toAbsolutePath();
        } catch (InvalidPathException e) {
            return e.getMessage();
        }
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            return (existing == null ? path : existing) + " is not a directory";
        }
        return Files.isWritable(existing) ? "" : "the directory " + existing + " is not writable";
    }

    private static OutputStream open(Path file) throws IOException {
        return new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
    }

    private static UsageError unwritable(String dir, String why, Exception cause) {
        return new UsageError("cannot write the shards' output to " + dir + " (" + why + "); give --output-dir a"
                + " writable directory", cause);
    }

    /** Where shard {@code index}'s output goes. */
    public LogSink sink(int index) {
        return sinks.get(index);
    }

    /** Why some output could not be written, for a warning at the end, or null when all of it was. */
    public synchronized String problem() {
        return problem;
    }

    private synchronized void failed(IOException e) {
        if (problem == null) {
            problem = "writing a shard's output file failed: " + e.getMessage();
        }
    }

    @Override
    public void close() {
        sinks.forEach(Sink::close);
    }

    private static final class Sink implements LogSink {

        private final ShardFiles files;
        private final OutputStream out;
        private final OutputStream err;
        private boolean broken;

        Sink(ShardFiles files, OutputStream out, OutputStream err) {
            this.files = files;
            this.out = out;
            this.err = err;
        }

        @Override
        public synchronized void write(LogStream stream, byte[] chunk) {
            io(() -> (stream == LogStream.STDOUT ? out : err).write(chunk));
        }

        @Override
        public synchronized void flush() {
            io(() -> {
                out.flush();
                err.flush();
            });
        }

        synchronized void close() {
            // Closed even after a failed write: the descriptors are given back either way.
            broken = false;
            io(out::close);
            broken = false;
            io(err::close);
        }

        private interface Io {
            void run() throws IOException;
        }

        private void io(Io step) {
            if (broken) {
                return;
            }
            try {
                step.run();
            } catch (IOException | UncheckedIOException e) {
                broken = true;
                files.failed(e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
            }
        }
    }
}
