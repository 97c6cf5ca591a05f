package dev.spotrun.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageCmd;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.ResponseItem;
import dev.spotrun.domain.ImageRef;
import dev.spotrun.domain.Phase;
import dev.spotrun.domain.PullProgress;
import dev.spotrun.domain.RegistryCredentials;
import dev.spotrun.domain.failure.EngineRejected;
import dev.spotrun.domain.failure.ImageNotFound;
import dev.spotrun.domain.failure.RegistryUnauthorized;
import dev.spotrun.domain.failure.SpotrunException;
import dev.spotrun.domain.failure.TimedOut;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One image pull: credentials go only into the request's {@code X-Registry-Auth} header (never into a
 * message), progress goes to the caller per layer, and the daemon's errors, which arrive either as an HTTP
 * status or inside the progress stream, become the domain's failures.
 */
final class ImagePull {

    private final DockerClient docker;
    private final EngineFailures failures;
    private volatile String streamError;

    ImagePull(DockerClient docker, EngineFailures failures) {
        this.docker = docker;
        this.failures = failures;
    }

    void pull(ImageRef image, RegistryCredentials credentials, Duration timeout, Consumer<PullProgress> progress) {
        PullImageCmd command = docker.pullImageCmd(image.name())
                .withTag(image.digest().isEmpty() ? image.tag() : image.digest());
        if (credentials != null) {
            command.withAuthConfig(new AuthConfig()
                    .withRegistryAddress(credentials.serverAddress())
                    .withUsername(credentials.username())
                    .withPassword(credentials.password()));
        }
        Streamed<PullResponseItem> call = command.exec(new Streamed<>(item -> report(item, progress)));
        boolean done;
        try {
            done = call.await(timeout);
        } catch (InterruptedException e) {
            call.abort();
            throw EngineFailures.cancelled("pull " + image.canonical());
        } catch (RuntimeException e) {
            throw classify(image, credentials, e, errorText(e));
        }
        if (!done) {
            throw new TimedOut(Phase.PULL, timeout, "pulling " + image.canonical());
        }
        if (streamError != null) {
            throw classify(image, credentials, null, streamError);
        }
    }

    private void report(PullResponseItem item, Consumer<PullProgress> progress) {
        ResponseItem.ErrorDetail error = item.getErrorDetail();
        if (error != null || item.getError() != null) {
            streamError = error != null && error.getMessage() != null ? error.getMessage() : item.getError();
            return;
        }
        ResponseItem.ProgressDetail detail = item.getProgressDetail();
        long current = detail == null || detail.getCurrent() == null ? -1 : detail.getCurrent();
        long total = detail == null || detail.getTotal() == null ? -1 : detail.getTotal();
        progress.accept(new PullProgress(item.getId(), item.getStatus(), current, total));
    }

    private static String errorText(RuntimeException e) {
        return e instanceof DockerException docker ? EngineFailures.daemonMessage(docker) : "";
    }

    /** What went wrong, from the daemon's words: registries say "unauthorized", "denied", "manifest unknown". */
    private SpotrunException classify(ImageRef image, RegistryCredentials credentials, RuntimeException cause,
                                      String message) {
        if (cause != null && !(cause instanceof DockerException)) {
            return failures.translate("pull " + image.canonical(), cause);
        }
        String text = message.toLowerCase(Locale.ROOT);
        if (text.contains("pull access denied")) {
            // Docker Hub says this both for a missing repository and for a private one without access.
            return credentials == null ? new ImageNotFound(image.canonical(), cause)
                    : new RegistryUnauthorized(image.registry(), cause);
        }
        if (text.contains("unauthorized") || text.contains("authentication required") || text.contains("denied")
                || text.contains("no basic auth credentials") || text.contains("incorrect username or password")) {
            return new RegistryUnauthorized(image.registry(), cause);
        }
        if (text.contains("manifest unknown") || text.contains("not found") || text.contains("does not exist")
                || text.contains("no such image") || text.contains("name unknown")) {
            return new ImageNotFound(image.canonical(), cause);
        }
        return new EngineRejected("the engine at " + failures.address() + " could not pull " + image.canonical()
                + ": " + message, cause);
    }
}
