package dev.spotrun.testkit.localcloud;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP endpoint on loopback: EC2 Query requests (form-encoded, XML answers) and JSON 1.1 requests
 * ({@code X-Amz-Target}) on the same port, as an {@code AWS_ENDPOINT_URL} for every service. Every request
 * is recorded; injected faults are answered before a request is handled.
 */
final class CloudServer implements AutoCloseable {

    private static final Set<String> INSTANCE_ACTIONS =
            Set.of("RunInstances", "DescribeInstances", "TerminateInstances", "CreateTags");
    private static final Set<String> NETWORK_ACTIONS = Set.of("CreateSecurityGroup", "AuthorizeSecurityGroupIngress",
            "DeleteSecurityGroup", "DescribeSecurityGroups", "DescribeSubnets");
    private static final Pattern ACCESS_KEY = Pattern.compile("Credential=([^/,\\s]+)/");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "local-cloud-http");
        thread.setDaemon(true);
        return thread;
    });
    private final Ec2Instances instances;
    private final Ec2Network network;
    private final JsonApi json;
    private final CloudFaults faults;
    private final List<RecordedRequest> recorded = new CopyOnWriteArrayList<>();

    CloudServer(Ec2Instances instances, Ec2Network network, JsonApi json, CloudFaults faults) throws IOException {
        this.instances = instances;
        this.network = network;
        this.json = json;
        this.faults = faults;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::exchange);
        server.setExecutor(threads);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<RecordedRequest> recorded() {
        return List.copyOf(recorded);
    }

    void clearRecorded() {
        recorded.clear();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String accessKey = accessKey(exchange.getRequestHeaders().getFirst("Authorization"));
            if (target != null) {
                answerJson(exchange, target, body, accessKey);
            } else {
                answerQuery(exchange, FormRequest.parse(body), accessKey);
            }
        }
    }

    private void answerQuery(HttpExchange exchange, FormRequest request, String accessKey) throws IOException {
        String requestId = Ids.requestId();
        String action = request.get("Action", "");
        int status = 200;
        String answer;
        try {
            answer = handleQuery(action, request, requestId);
        } catch (CloudError e) {
            status = e.status();
            answer = Xml.error(e.code(), e.getMessage(), requestId);
        } catch (RuntimeException e) {
            status = 500;
            answer = Xml.error("InternalError", "An internal error has occurred: " + e, requestId);
        }
        recorded.add(new RecordedRequest(Instant.now(), "ec2", action, request.all(), "", accessKey, status));
        send(exchange, status, "text/xml;charset=UTF-8", requestId, answer);
    }

    private String handleQuery(String action, FormRequest request, String requestId) {
        CloudFaults.InjectedError injected = faults.takeError(action);
        if (injected != null) {
            throw new CloudError(injected.status(), injected.code(), injected.message());
        }
        if (INSTANCE_ACTIONS.contains(action)) {
            return instances.handle(request, requestId);
        }
        if (NETWORK_ACTIONS.contains(action)) {
            return network.handle(request, requestId);
        }
        throw CloudError.badRequest("InvalidAction", "The action " + action + " is not valid for this web service.");
    }

    private void answerJson(HttpExchange exchange, String target, String body, String accessKey) throws IOException {
        String requestId = Ids.requestId();
        String operation = JsonApi.operation(target);
        int status = 200;
        String answer;
        try {
            CloudFaults.InjectedError injected = faults.takeError(operation);
            if (injected != null) {
                throw new CloudError(injected.status(), injected.code(), injected.message());
            }
            answer = json.handle(target, body);
        } catch (CloudError e) {
            status = e.status();
            answer = JsonApi.error(e.code(), e.getMessage());
            exchange.getResponseHeaders().add("x-amzn-ErrorType", e.code());
        }
        recorded.add(new RecordedRequest(Instant.now(), JsonApi.service(target), operation, Map.of(), body, accessKey,
                status));
        send(exchange, status, "application/x-amz-json-1.1", requestId, answer);
    }

    private static void send(HttpExchange exchange, int status, String type, String requestId, String answer)
            throws IOException {
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("x-amzn-RequestId", requestId);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String accessKey(String authorization) {
        if (authorization == null) {
            return "";
        }
        Matcher m = ACCESS_KEY.matcher(authorization);
        return m.find() ? m.group(1) : "";
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
