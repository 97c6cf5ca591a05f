package dev.spotrun.domain.port;

import dev.spotrun.domain.Artifact;
import dev.spotrun.domain.ArtifactReport;
import dev.spotrun.domain.ContainerSpec;
import dev.spotrun.domain.CopyIn;
import dev.spotrun.domain.CopyTally;
import dev.spotrun.domain.ImageRef;
import dev.spotrun.domain.PullProgress;
import dev.spotrun.domain.RegistryCredentials;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A client of one machine's Docker engine. Errors arrive as {@link dev.spotrun.domain.failure.SpotrunException}s:
 * {@link dev.spotrun.domain.failure.EngineUnreachable} when the engine does not answer or the connection
 * breaks, {@link dev.spotrun.domain.failure.ImageNotFound} and
 * {@link dev.spotrun.domain.failure.RegistryUnauthorized} from a pull,
 * {@link dev.spotrun.domain.failure.EngineRejected} for a refused operation. A thread interrupted while it
 * waits gets {@link dev.spotrun.domain.failure.Cancelled} with its interrupt flag set.
 */
public interface ContainerEngine extends AutoCloseable {

    /** Asks the engine whether it is up and returns its API version. */
    String ping();

    /**
     * Pulls an image, reporting progress as it comes.
     *
     * @param credentials the registry credentials, or null to pull anonymously
     * @throws dev.spotrun.domain.failure.TimedOut when the pull takes longer than {@code timeout}
     */
    void pull(ImageRef image, RegistryCredentials credentials, Duration timeout, Consumer<PullProgress> progress);

    /** Creates the container and returns its id. The image must have been pulled. */
    String create(ContainerSpec spec);

    /**
     * Attaches to a created container's output before it {@link #start starts}, so that the next
     * {@link #streamLogs} of this client delivers it over the engine's fastest path, from the first byte.
     * Returns once the engine attached. Output never depends on it: without an attachment (or on a container
     * that started already) {@code streamLogs} delivers all of it all the same, from the engine's stored log,
     * only slower. {@code streamLogs}, {@link #remove} and {@link #close} release the attachment; until then it
     * holds back the container once the engine's buffers are full, so stream soon after starting.
     */
    void attach(String containerId);

    /**
     * Puts a local file or directory into a container, as {@link CopyIn} says, streamed in constant memory: modes,
     * links (as links) and empty directories are kept, what the source's {@code .dockerignore} excludes is left
     * out ({@link dev.spotrun.domain.files.LocalTree}). Works on a created container, before it starts.
     *
     * @param progress told the tally so far, from time to time, on the calling thread or another
     * @return what was copied
     * @throws dev.spotrun.domain.failure.EngineRejected when the destination's directory does not exist in the
     *                                                   container, or the engine refuses the archive
     */
    CopyTally copyIn(String containerId, CopyIn copy, Consumer<CopyTally> progress);

    /**
     * Copies a path out of a container, running or ended, into the artifact's local directory under its own
     * name, streamed in constant memory and written by the rules of {@link dev.spotrun.domain.files.Extraction}:
     * nothing outside the directory, nothing through a link, no file replaced unless {@code overwrite}.
     *
     * @return what was written and refused; {@link ArtifactReport#missing()} when the path does not exist
     */
    ArtifactReport copyOut(String containerId, Artifact artifact, boolean overwrite, Consumer<CopyTally> progress);

    /** Starts a created container. */
    void start(String containerId);

    /**
     * Streams the container's output to the sink as it comes, from its start, until the container's output
     * ends (it exited) or this client is closed. A connection that drops is resumed without losing or
     * repeating output. Holds no more than a bounded buffer, whatever the container writes: a sink slower than
     * the container slows the container, as {@code docker run} does. The sink is told to
     * {@link LogSink#flush() flush} whenever no more output is waiting.
     */
    void streamLogs(String containerId, LogSink sink);

    /**
     * Waits for the container to exit and returns its exit code.
     *
     * @throws dev.spotrun.domain.failure.TimedOut when it runs longer than {@code timeout}; it is left running
     */
    int awaitExit(String containerId, Duration timeout);

    /** Stops the container: SIGTERM, then SIGKILL after {@code grace}. Stopping a stopped container succeeds. */
    void stop(String containerId, Duration grace);

    /** Removes the container. Removing an absent container succeeds. */
    void remove(String containerId);

    /**
     * Tells {@code listener}, on whatever thread noticed it, each time a connection that streams the output,
     * waits for the exit or pulls broke and is being made again. The client goes on reconnecting as the calls
     * above say; the lifecycle uses the moment to ask the cloud whether the machine is still there, rather than
     * wait for the reconnects to give up. Replaces any listener given before. An engine that cannot tell keeps
     * this default and never calls it; the lifecycle then learns of a lost machine when the reconnects give up.
     */
    default void onConnectionLost(Runnable listener) {
    }

    /** Releases the connection; pending calls end. */
    @Override
    void close();
}
