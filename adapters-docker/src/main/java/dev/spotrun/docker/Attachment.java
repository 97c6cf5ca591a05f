package dev.spotrun.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.spotrun.domain.failure.EngineRejected;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A container's output, attached before it starts ({@code POST /containers/ID/attach}, stdout and stderr,
 * multiplexed, no stdin). The engine registers the attachment before it answers, so once the answer is here
 * every byte the container writes after its start is in this stream, in frames as big as its writes.
 *
 * @param response the open answer, whose body is the output until the container's streams close
 */
record Attachment(DockerHttpClient.Response response) {

    /**
     * Attaches; returns null when the container had started already (what it wrote before is only in the
     * stored log, so the output must come from there).
     */
    static Attachment open(Transport http, DockerClient docker, EngineFailures failures, String containerId)
            throws IOException {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST)
                .path("/containers/" + containerId + "/attach?stream=1&stdout=1&stderr=1")
                .build();
        DockerHttpClient.Response opened = http.execute(request, LogFollower.ANSWER_TIMEOUT, null);
        try {
            if (opened.getStatusCode() != 200 && opened.getStatusCode() != 101) {
                throw refused(opened, failures, containerId);
            }
            InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(containerId).exec().getState();
            if (state != null && !"created".equals(state.getStatus())) {
                opened.close();
                return null;
            }
            return new Attachment(opened);
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    void close() {
        response.close();
    }

    private static EngineRejected refused(DockerHttpClient.Response opened, EngineFailures failures,
                                          String containerId) throws IOException {
        byte[] body;
        try (InputStream in = opened.getBody()) {
            body = in.readNBytes(4096);
        }
        return new EngineRejected("the engine at " + failures.address() + " refused to attach to container "
                + containerId + " (" + opened.getStatusCode() + "): "
                + new String(body, StandardCharsets.UTF_8).strip(), null);
    }
}
