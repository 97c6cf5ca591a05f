package dev.spotrun.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import java.time.Duration;

/**
 * Sends one request to an engine with the read timeouts the call needs: the answer (status and headers) must
 * begin within {@code answerTimeout}; after it, a body may be silent for {@code bodyTimeout} at most, or for
 * ever when that is null (a container's output, which may pause for hours).
 */
@FunctionalInterface
interface Transport {

    DockerHttpClient.Response execute(DockerHttpClient.Request request, Duration answerTimeout, Duration bodyTimeout);
}
