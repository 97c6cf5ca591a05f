package dev.spotrun.localcloud;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A client of a local cloud's control API, for a cloud in another process (e.g. {@code spotrun local-cloud}) or
 * in this one: its faults, in the language of {@link FaultSpec}, the machines of its instances, and the requests
 * it received. Made from the cloud's endpoint, the {@code AWS_ENDPOINT_URL} that {@code spotrun local-cloud}
 * prints.
 *
 * <pre>{@code
 * LocalCloudClient cloud = LocalCloudClient.of(URI.create(System.getenv("AWS_ENDPOINT_URL")));
 * cloud.addFaults("throttle-every:2", "drop-answer:RunInstances");
 * cloud.cutEngine("i-0123456789abcdef0");
 * cloud.clearFaults();
 * }</pre>
 */
public final class LocalCloudClient implements MachineOperations {

    /** A refusal of the control API: its HTTP status and the cloud's one-line reason. */
    public static final class Refused extends RuntimeException {
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        /** 400 for a bad fault spec, 404 for an unknown instance, 409 for an operation it cannot do now. */
        public int status() {
            return status;
        }
    }

    /**
     * One AWS request the cloud received.
     *
     * @param at      when it arrived
     * @param service {@code ec2}, {@code ssm} or {@code ecr}
     * @param action  e.g. {@code RunInstances}
     * @param status  the status it was answered with; 0 when the answer was dropped
     * @param fault   the spec of the fault that hit it, or ""
     */
    public record Request(Instant at, String service, String action, int status, String fault) {
    }

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LocalCloudClient(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** A client of the cloud at {@code endpoint}, e.g. {@code http://127.0.0.1:40123}. */
    public static LocalCloudClient of(URI endpoint) {
        String text = Objects.requireNonNull(endpoint, "endpoint").toString();
        return new LocalCloudClient(URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text));
    }

    /** Adds faults, one spec each, all or none. */
    public void addFaults(String... specs) {
        addFaults(Arrays.asList(specs));
    }

    /** Adds faults, one spec each, all or none. */
    public void addFaults(List<String> specs) {
        call("POST", "/_spotrun/faults", String.join("\n", specs));
    }

    /** The faults in force, each as a spec with what is left of its count. */
    public List<String> faults() {
        return call("GET", "/_spotrun/faults", null).lines().filter(line -> !line.isBlank()).toList();
    }

    /** Removes every fault. */
    public void clearFaults() {
        call("DELETE", "/_spotrun/faults", null);
    }

    /** Interrupts a spot instance, as EC2 does when it takes capacity back. */
    public String interrupt(String instanceId) {
        return operate(instanceId, "interrupt");
    }

    /**
     * Gives a running spot instance EC2's interruption notice: its spot request says marked-for-termination, and
     * the instance is taken back two minutes later.
     */
    public String notice(String instanceId) {
        return operate(instanceId, "notice");
    }

    /** Every AWS request the cloud received, in order. */
    public List<Request> requests() {
        return call("GET", "/_spotrun/requests", null).lines().filter(line -> !line.isBlank()).map(line -> {
            String[] f = line.split(" ", 5);
            return new Request(Instant.parse(f[0]), f[1], f[2], Integer.parseInt(f[3]), f[4].equals("-") ? "" : f[4]);
        }).toList();
    }

    @Override
    public String operate(String instanceId, String operation) {
        if (!instanceId.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("'" + instanceId + "' is not an instance id");
        }
        return call("POST", "/_spotrun/instances/" + instanceId + "/" + operation, "").strip();
    }

    private String call(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + path)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "text/plain;charset=UTF-8").build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("the local cloud at " + endpoint + " did not answer " + method + " " + path
                    + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the local cloud at " + endpoint, e);
        }
        if (response.statusCode() != 200) {
            throw new Refused(response.statusCode(), response.body().strip());
        }
        return response.body();
    }
}
