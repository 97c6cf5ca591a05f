package dev.spotrun.localcloud;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local cloud's own API under {@code /_spotrun/}, beside the AWS one, for tools in other processes (see
 * {@link LocalCloudClient}): the faults, the instances' machines, and the requests received. Answers are plain
 * text; a refusal is a 4xx status with one line that says what to do.
 */
final class ControlEndpoint {

    static final String PREFIX = "/_spotrun";
    static final Set<String> INSTANCE_OPERATIONS =
            Set.of("cut-engine", "blackhole-engine", "restore-engine", "reboot", "interrupt", "notice");
    private static final Pattern INSTANCE = Pattern.compile(PREFIX + "/instances/([^/]+)/([^/]+)");
    private static final String USAGE = ""
            + "spotrun local cloud control API (plain text):\n"
            + "  GET    /_spotrun/faults                  the faults in force, one spec per line\n"
            + "  POST   /_spotrun/faults                  add faults: one spec per line (# comments), all or none\n"
            + "  DELETE /_spotrun/faults                  clear every fault\n"
            + "  GET    /_spotrun/requests                AWS requests received: AT SERVICE ACTION STATUS FAULT\n"
            + "  POST   /_spotrun/instances/ID/OPERATION  cut-engine, blackhole-engine, restore-engine, reboot, interrupt,\n"
            + "                                           notice (EC2's interruption notice: taken back 2m later)\n"
            + "Fault specs:\n" + FaultSpec.SYNTAX;

    /** Does one operation on an instance's machine; returns what was done, or throws a {@link CloudError}. */
    @FunctionalInterface
    interface InstanceOperations {
        String perform(String instanceId, String operation);
    }

    private final CloudFaults faults;
    private final Supplier<List<RecordedRequest>> requests;
    private final InstanceOperations operations;

    ControlEndpoint(CloudFaults faults, Supplier<List<RecordedRequest>> requests, InstanceOperations operations) {
        this.faults = faults;
        this.requests = requests;
        this.operations = operations;
    }

    void answer(HttpExchange exchange, String body) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        try {
            Matcher instance = INSTANCE.matcher(path);
            if (path.equals(PREFIX) || path.equals(PREFIX + "/")) {
                Exchanges.text(exchange, 200, only(method, "GET", USAGE));
            } else if (path.equals(PREFIX + "/faults")) {
                Exchanges.text(exchange, 200, faults(method, body));
            } else if (path.equals(PREFIX + "/requests")) {
                Exchanges.text(exchange, 200, only(method, "GET", requestLines()));
            } else if (instance.matches()) {
                only(method, "POST", "");
                Exchanges.text(exchange, 200, operate(instance.group(1), instance.group(2)));
            } else {
                throw new CloudError(404, "", "no such path " + path + "; GET " + PREFIX + " lists the API");
            }
        } catch (CloudError e) {
            if (e.status() == 405) {
                exchange.getResponseHeaders().add("Allow", e.code());
            }
            Exchanges.text(exchange, e.status(), e.getMessage());
        }
    }

    private String faults(String method, String body) {
        switch (method) {
            case "GET":
                return String.join("\n", faults.specs());
            case "POST":
                List<String> added = parse(body);
                faults.apply(added);
                return "added " + added.size() + " fault(s); in force now:\n" + String.join("\n", faults.specs());
            case "DELETE":
                faults.clear();
                return "cleared every fault";
            default:
                throw new CloudError(405, "GET, POST, DELETE", method + " is not allowed here; use GET, POST or"
                        + " DELETE");
        }
    }

    /** The specs of a body, each checked, so that a bad line adds nothing. */
    private static List<String> parse(String body) {
        List<String> specs = new ArrayList<>();
        List<String> lines = body.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                specs.add(FaultSpec.parse(line).text());
            } catch (IllegalArgumentException e) {
                throw CloudError.badRequest("", "line " + (i + 1) + ": " + e.getMessage() + "; nothing was added");
            }
        }
        if (specs.isEmpty()) {
            throw CloudError.badRequest("", "no fault spec in the body; send one spec per line, e.g."
                    + " throttle:RunInstances:2 (GET " + PREFIX + " lists them)");
        }
        return specs;
    }

    private String operate(String instanceId, String operation) {
        if (!INSTANCE_OPERATIONS.contains(operation)) {
            throw new CloudError(404, "", "no instance operation '" + operation + "'; use one of "
                    + String.join(", ", INSTANCE_OPERATIONS.stream().sorted().toList()));
        }
        return operations.perform(instanceId, operation);
    }

    private String requestLines() {
        StringBuilder text = new StringBuilder();
        for (RecordedRequest r : requests.get()) {
            text.append(r.at()).append(' ').append(r.service()).append(' ').append(r.action()).append(' ')
                    .append(r.status()).append(' ').append(r.fault().isEmpty() ? "-" : r.fault()).append('\n');
        }
        return text.toString();
    }

    private static String only(String method, String allowed, String answer) {
        if (!method.equals(allowed)) {
            throw new CloudError(405, allowed, method + " is not allowed here; use " + allowed);
        }
        return answer;
    }
}
