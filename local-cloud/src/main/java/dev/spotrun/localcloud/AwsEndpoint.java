package dev.spotrun.localcloud;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AWS side of the endpoint: EC2 Query requests (form-encoded, XML answers) and JSON 1.1 requests
 * ({@code X-Amz-Target}), each passed through the injected faults (see {@link CloudFaults} for their order) and
 * recorded with the status the client got.
 */
final class AwsEndpoint {

    private static final Set<String> INSTANCE_ACTIONS =
            Set.of("RunInstances", "DescribeInstances", "TerminateInstances", "CreateTags",
                    "DescribeSpotInstanceRequests");
    private static final Set<String> NETWORK_ACTIONS = Set.of("CreateSecurityGroup", "AuthorizeSecurityGroupIngress",
            "DeleteSecurityGroup", "DescribeSecurityGroups", "DescribeSubnets");
    private static final Pattern ACCESS_KEY = Pattern.compile("Credential=([^/,\\s]+)/");
    private static final String XML = "text/xml;charset=UTF-8";
    private static final String JSON = "application/x-amz-json-1.1";

    /** One request: what it is, how to handle it, and how its protocol writes an error. */
    private record Call(String service, String action, boolean json, Map<String, String> params, String body,
                        Supplier<String> handler) {
    }

    /** What the client is sent. */
    private record Answer(int status, String text, String errorCode) {
    }

    private final Ec2Instances instances;
    private final Ec2Network network;
    private final JsonApi json;
    private final CloudFaults faults;
    private final List<RecordedRequest> recorded = new CopyOnWriteArrayList<>();

    AwsEndpoint(Ec2Instances instances, Ec2Network network, JsonApi json, CloudFaults faults) {
        this.instances = instances;
        this.network = network;
        this.json = json;
        this.faults = faults;
    }

    List<RecordedRequest> recorded() {
        return List.copyOf(recorded);
    }

    void clearRecorded() {
        recorded.clear();
    }

    void answer(HttpExchange exchange, String body) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String accessKey = accessKey(exchange.getRequestHeaders().getFirst("Authorization"));
        String requestId = Ids.requestId();
        Call call = target != null ? jsonCall(target, body) : queryCall(FormRequest.parse(body), requestId);
        try {
            sleep(faults.delayFor(call.service(), call.action()));
            answer(exchange, call, accessKey, requestId);
        } catch (InterruptedException e) {
            // The cloud is closing: the request ends unanswered, as on a server that goes away.
            Thread.currentThread().interrupt();
            Exchanges.drop(exchange);
        }
    }

    private void answer(HttpExchange exchange, Call call, String accessKey, String requestId)
            throws IOException, InterruptedException {
        CountedFault.InjectedError injected = faults.takeError(call.service(), call.action());
        if (injected != null) {
            send(exchange, call, accessKey, requestId, errorOf(injected), injected.fault());
            return;
        }
        Answer answer = handle(call);
        CountedFault.Spoiled spoiled = faults.takeSpoiler(call.service(), call.action());
        if (spoiled == null) {
            send(exchange, call, accessKey, requestId, answer, "");
        } else if (spoiled.drop()) {
            record(call, accessKey, 0, spoiled.fault());
            Exchanges.drop(exchange);
        } else if (spoiled.error() != null) {
            send(exchange, call, accessKey, requestId, errorOf(spoiled.error()), spoiled.fault());
        } else {
            sleep(spoiled.late());
            send(exchange, call, accessKey, requestId, answer, spoiled.fault());
        }
    }

    private static Answer handle(Call call) {
        try {
            return new Answer(200, call.handler().get(), null);
        } catch (CloudError e) {
            return new Answer(e.status(), e.getMessage(), e.code());
        } catch (RuntimeException e) {
            return new Answer(500, "An internal error has occurred: " + e, "InternalError");
        }
    }

    private static Answer errorOf(CountedFault.InjectedError error) {
        return new Answer(error.status(), error.message(), error.code());
    }

    private void send(HttpExchange exchange, Call call, String accessKey, String requestId, Answer answer,
                      String fault) throws IOException {
        String text = answer.text();
        if (answer.errorCode() != null) {
            text = call.json() ? JsonApi.error(answer.errorCode(), text) : Xml.error(answer.errorCode(), text, requestId);
            if (call.json()) {
                exchange.getResponseHeaders().add("x-amzn-ErrorType", answer.errorCode());
            }
        }
        record(call, accessKey, answer.status(), fault);
        exchange.getResponseHeaders().add("x-amzn-RequestId", requestId);
        Exchanges.send(exchange, answer.status(), call.json() ? JSON : XML, text);
    }

    private void record(Call call, String accessKey, int status, String fault) {
        recorded.add(new RecordedRequest(Instant.now(), call.service(), call.action(), call.params(), call.body(),
                accessKey, status, fault));
    }

    private Call queryCall(FormRequest request, String requestId) {
        String action = request.get("Action", "");
        return new Call(CloudFaults.EC2, action, false, request.all(), "", () -> {
            if (INSTANCE_ACTIONS.contains(action)) {
                return instances.handle(request, requestId);
            }
            if (NETWORK_ACTIONS.contains(action)) {
                return network.handle(request, requestId);
            }
            throw CloudError.badRequest("InvalidAction", "The action " + action + " is not valid for this web service.");
        });
    }

    private Call jsonCall(String target, String body) {
        return new Call(JsonApi.service(target), JsonApi.operation(target), true, Map.of(), body,
                () -> json.handle(target, body));
    }

    private static void sleep(Duration duration) throws InterruptedException {
        if (duration != null && !duration.isZero()) {
            Thread.sleep(duration.toMillis());
        }
    }

    private static String accessKey(String authorization) {
        if (authorization == null) {
            return "";
        }
        Matcher m = ACCESS_KEY.matcher(authorization);
        return m.find() ? m.group(1) : "";
    }
}
