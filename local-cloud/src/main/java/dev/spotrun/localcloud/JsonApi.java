package dev.spotrun.localcloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * The JSON 1.1 operations the local cloud speaks: SSM GetParameter, for the public Amazon Linux image
 * parameters, and ECR GetAuthorizationToken, handing out the local registry's password.
 */
final class JsonApi {

    static final String SSM_PREFIX = "AmazonSSM.";
    static final String ECR_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, String> parameters;
    private final String registryEndpoint;
    private final RegistryToken token;
    private final Clock clock;

    /** The registry's password and how long the tokens that carry it claim to last. */
    record RegistryToken(String password, Duration lifetime) {
    }

    JsonApi(Map<String, String> parameters, String registryEndpoint, RegistryToken token, Clock clock) {
        this.parameters = Map.copyOf(parameters);
        this.registryEndpoint = registryEndpoint;
        this.token = token;
        this.clock = clock;
    }

    String handle(String target, String body) {
        return switch (target) {
            case SSM_PREFIX + "GetParameter" -> getParameter(body);
            case ECR_PREFIX + "GetAuthorizationToken" -> authorizationToken();
            default -> throw CloudError.badRequest("UnknownOperationException", "unknown operation " + target);
        };
    }

    private String getParameter(String body) {
        String name = stringField(body, "Name");
        String value = name == null ? null : parameters.get(name);
        if (value == null) {
            throw CloudError.badRequest("ParameterNotFound", "Parameter " + name + " not found.");
        }
        ObjectNode parameter = MAPPER.createObjectNode().put("ARN", "arn:aws:ssm:::parameter" + name)
                .put("DataType", "aws:ec2:image").put("LastModifiedDate", clock.instant().getEpochSecond())
                .put("Name", name).put("Type", "String").put("Value", value).put("Version", 1);
        return write(MAPPER.createObjectNode().set("Parameter", parameter));
    }

    private String authorizationToken() {
        String encoded = Base64.getEncoder().encodeToString(("AWS:" + token.password()).getBytes(StandardCharsets.UTF_8));
        ObjectNode data = MAPPER.createObjectNode().put("authorizationToken", encoded)
                .put("expiresAt", clock.instant().plus(token.lifetime()).getEpochSecond())
                .put("proxyEndpoint", registryEndpoint);
        ObjectNode answer = MAPPER.createObjectNode();
        answer.putArray("authorizationData").add(data);
        return write(answer);
    }

    static String error(String code, String message) {
        return write(MAPPER.createObjectNode().put("__type", code).put("message", message));
    }

    /**
     * A top-level string member of a JSON object, or null when it is absent or not a string.
     *
     * @throws CloudError a 400 {@code SerializationException}, as AWS answers, when the body is not a JSON object
     */
    static String stringField(String json, String name) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json.isBlank() ? "{}" : json);
        } catch (JsonProcessingException e) {
            throw CloudError.badRequest("SerializationException", "the request body is not JSON: "
                    + e.getOriginalMessage());
        }
        if (!tree.isObject()) {
            throw CloudError.badRequest("SerializationException", "the request body is not a JSON object");
        }
        JsonNode member = tree.get(name);
        return member != null && member.isTextual() ? member.textValue() : null;
    }

    private static String write(JsonNode tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    static String service(String target) {
        return target.startsWith(SSM_PREFIX) ? "ssm" : target.startsWith(ECR_PREFIX) ? "ecr" : "unknown";
    }

    static String operation(String target) {
        int dot = target.indexOf('.');
        return dot < 0 ? target : target.substring(dot + 1);
    }
}
