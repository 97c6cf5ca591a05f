package dev.spotrun.localcloud;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One request the local cloud received, as it arrived, so that tests can assert on what a client sent.
 *
 * @param at          when it arrived
 * @param service     {@code ec2}, {@code ecr} or {@code ssm}
 * @param action      the EC2 {@code Action} or the JSON operation name, e.g. {@code RunInstances}
 * @param params      the EC2 query parameters (empty for JSON requests)
 * @param body        the JSON body (empty for EC2 requests)
 * @param accessKeyId the access key id the request was signed with, or "" when it was not signed
 * @param status      the HTTP status the local cloud answered with, or 0 when it sent no answer (a dropped one)
 * @param fault       the spec of the injected fault that hit the request, or "" when none did
 */
public record RecordedRequest(Instant at, String service, String action, Map<String, String> params, String body,
                              String accessKeyId, int status, String fault) {

    public RecordedRequest {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(action, "action");
        params = Map.copyOf(params);
        body = Objects.requireNonNullElse(body, "");
        accessKeyId = Objects.requireNonNullElse(accessKeyId, "");
        fault = Objects.requireNonNullElse(fault, "");
    }

    /** A query parameter, or "" when absent. */
    public String param(String name) {
        return params.getOrDefault(name, "");
    }

    /** Whether the client got no success: an error status, or no answer at all. */
    public boolean failed() {
        return status >= 400 || status == 0;
    }
}
