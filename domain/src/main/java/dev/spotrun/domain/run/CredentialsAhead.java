package dev.spotrun.domain.run;

import dev.spotrun.domain.RegistryCredentials;
import dev.spotrun.domain.failure.Cancelled;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The registry's credentials for the run's image, asked for as an attempt starts, on a thread of its own: the
 * answer (a token call, and on the first one the client it needs) then comes while the machine launches and
 * boots rather than after its engine answers. The pull takes the answer as it would have had it, failure
 * included; the attempt asks once, as before, only sooner. An attempt that ends before its pull leaves the
 * answer unread.
 */
final class CredentialsAhead {

    private final FutureTask<Optional<RegistryCredentials>> answer;

    private CredentialsAhead(FutureTask<Optional<RegistryCredentials>> answer) {
        this.answer = answer;
    }

    /** Asks the run's registry for the credentials of its image, now, on a daemon thread. */
    static CredentialsAhead ask(RunContext context, int attempt) {
        FutureTask<Optional<RegistryCredentials>> task =
                new FutureTask<>(() -> context.registry().credentialsFor(context.image()));
        Thread thread = new Thread(task, "spotrun-credentials-" + attempt);
        thread.setDaemon(true);
        thread.start();
        return new CredentialsAhead(task);
    }

    /** The credentials, null when the image needs none; waits for the answer, and throws what the registry threw. */
    RegistryCredentials await() {
        try {
            return answer.get().orElse(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled("the run was cancelled while the registry's credentials were asked for");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException failure) {
                throw failure;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("asking for the registry's credentials failed: " + cause, cause);
        }
    }
}
