package dev.spotrun.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import dev.spotrun.domain.Artifact;
import dev.spotrun.domain.ArtifactReport;
import dev.spotrun.domain.CopyIn;
import dev.spotrun.domain.CopyTally;
import dev.spotrun.domain.failure.EngineRejected;
import dev.spotrun.domain.files.Extraction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Copies through the engine's archive API: {@code PUT /containers/{id}/archive} with a tar archive written from
 * the local files as it is sent, and {@code GET} of one read into the local directory as it arrives. A copy
 * holds a pipe's buffer, never the files. The call runs on {@link Calls}' thread: a cancel closes the pipe and
 * the connection, which ends it at once.
 */
final class ArchiveCopies {

    /** How long the engine may take to answer once the whole archive was sent: it unpacks as it receives. */
    static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final EngineHttp http;
    private final Calls calls;

    ArchiveCopies(EngineHttp http, Calls calls) {
        this.http = http;
        this.calls = calls;
    }

    CopyTally copyIn(String containerId, CopyIn copy, Consumer<CopyTally> progress) {
        String operation = "copy " + copy.source() + " into container " + containerId + " at " + copy.destination();
        ChunkPipe pipe = new ChunkPipe();
        AtomicReference<DockerHttpClient.Response> answer = new AtomicReference<>();
        return call(operation, () -> put(containerId, copy, pipe, answer, progress), () -> {
            closeQuietly(pipe.input());
            DockerHttpClient.Response r = answer.get();
            if (r != null) {
                r.close();
            }
        });
    }

    ArtifactReport copyOut(String containerId, Artifact artifact, boolean overwrite, Consumer<CopyTally> progress) {
        String operation = "copy " + artifact.containerPath() + " out of container " + containerId;
        AtomicReference<DockerHttpClient.Response> answer = new AtomicReference<>();
        return call(operation, () -> get(containerId, artifact, overwrite, answer, progress), () -> {
            DockerHttpClient.Response r = answer.get();
            if (r != null) {
                r.close();
            }
        });
    }

    private CopyTally put(String containerId, CopyIn copy, ChunkPipe pipe,
                          AtomicReference<DockerHttpClient.Response> answer, Consumer<CopyTally> progress)
            throws InterruptedException {
        InputStream body = pipe.input();
        Writer writer = new Writer(copy, pipe.output(), progress);
        Thread thread = new Thread(writer, "spotrun-copy-in");
        thread.setDaemon(true);
        thread.start();
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.PUT)
                .path(archivePath(containerId, copy.parent()) + "&noOverwriteDirNonDir=true")
                .putHeader("Content-Type", "application/x-tar").body(body).build();
        try (DockerHttpClient.Response response = http.execute(request, ANSWER_TIMEOUT, DockerEngine.CALL_TIMEOUT)) {
            answer.set(response);
            int status = response.getStatusCode();
            if (status != 200) {
                throw refused(status, message(response.getBody()), "copy into " + copy.parent());
            }
        } finally {
            closeQuietly(body);
            thread.join(DockerEngine.CALL_TIMEOUT.toMillis());
        }
        // The whole archive written and taken (200): a pipe closed under the writer's own close is no failure.
        if (writer.failure.get() != null && !writer.written) {
            throw new UncheckedIOException(writer.failure.get());
        }
        return writer.tally.get();
    }

    private ArtifactReport get(String containerId, Artifact artifact, boolean overwrite,
                               AtomicReference<DockerHttpClient.Response> answer, Consumer<CopyTally> progress)
            throws IOException {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path(archivePath(containerId, artifact.containerPath())).build();
        try (DockerHttpClient.Response response = http.execute(request, DockerEngine.CALL_TIMEOUT,
                DockerEngine.CALL_TIMEOUT)) {
            answer.set(response);
            int status = response.getStatusCode();
            if (status == 404) {
                String message = message(response.getBody());
                if (message.toLowerCase(java.util.Locale.ROOT).contains("no such container")) {
                    throw refused(status, message, "copy out of it");
                }
                return ArtifactReport.missing();
            }
            if (status != 200) {
                throw refused(status, message(response.getBody()), "copy " + artifact.containerPath() + " out");
            }
            return TarStreams.read(response.getBody(), new Extraction(artifact.localDir(), overwrite, progress));
        }
    }

    /** Writes the archive into the pipe on a thread of its own, so that the HTTP client reads as it is written. */
    private static final class Writer implements Runnable {
        private final CopyIn copy;
        private final OutputStream out;
        private final Consumer<CopyTally> progress;
        private final AtomicReference<IOException> failure = new AtomicReference<>();
        private final AtomicReference<CopyTally> tally = new AtomicReference<>(CopyTally.NONE);
        private volatile boolean written;

        Writer(CopyIn copy, OutputStream out, Consumer<CopyTally> progress) {
            this.copy = copy;
            this.out = out;
            this.progress = progress;
        }

        @Override
        public void run() {
            try (out) {
                tally.set(TarStreams.write(copy, out, progress));
                written = true;
            } catch (IOException e) {
                failure.set(e);
            } catch (RuntimeException e) {
                failure.set(new IOException(e));
            }
        }
    }

    private interface Transfer<T> {
        T run() throws IOException, InterruptedException;
    }

    private <T> T call(String operation, Transfer<T> transfer, Runnable abort) {
        try {
            return calls.run(operation, null, () -> {
                try {
                    return transfer.run();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, abort);
        } catch (Calls.OutOfTime impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String archivePath(String containerId, String path) {
        return "/containers/" + URLEncoder.encode(containerId, StandardCharsets.UTF_8) + "/archive?path="
                + URLEncoder.encode(path, StandardCharsets.UTF_8);
    }

    private static EngineRejected refused(int status, String message, String what) {
        return new EngineRejected("the engine refused to " + what + " (HTTP " + status + "): " + message, null);
    }

    /** The daemon's words from an error's JSON body, which is short. */
    private static String message(InputStream body) {
        try {
            String text = new String(body.readNBytes(4096), StandardCharsets.UTF_8);
            Matcher m = MESSAGE.matcher(text);
            return (m.find() ? m.group(1).replace("\\\"", "\"") : text).strip();
        } catch (IOException e) {
            return "(no message: " + e.getMessage() + ")";
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // Closing a pipe cannot fail in a way that matters.
        }
    }
}
