package dev.spotrun.localcloud;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON 1.1 operations the local cloud speaks: SSM GetParameter, for the public Amazon Linux image
 * parameters, and ECR GetAuthorizationToken, handing out the local registry's password.
 */
final class JsonApi {

    static final String SSM_PREFIX = "AmazonSSM.";
    static final String ECR_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";

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
        long now = clock.instant().getEpochSecond();
        return "{\"Parameter\":{\"ARN\":" + quote("arn:aws:ssm:::parameter" + name) + ",\"DataType\":\"aws:ec2:image\","
                + "\"LastModifiedDate\":" + now + ",\"Name\":" + quote(name) + ",\"Type\":\"String\",\"Value\":"
                + quote(value) + ",\"Version\":1}}";
    }

    private String authorizationToken() {
        String encoded = Base64.getEncoder().encodeToString(("AWS:" + token.password()).getBytes(StandardCharsets.UTF_8));
        long expiresAt = clock.instant().plus(token.lifetime()).getEpochSecond();
        return "{\"authorizationData\":[{\"authorizationToken\":" + quote(encoded) + ",\"expiresAt\":" + expiresAt
                + ",\"proxyEndpoint\":" + quote(registryEndpoint) + "}]}";
    }

    static String error(String code, String message) {
        return "{\"__type\":" + quote(code) + ",\"message\":" + quote(message) + "}";
    }

    /** A top-level string member of a small JSON object, or null. Enough for the requests spotrun sends. */
    static String stringField(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        return m.find() ? m.group(1).replace("\\/", "/").replace("\\\"", "\"").replace("\\\\", "\\") : null;
    }

    static String quote(String text) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    static String service(String target) {
        return target.startsWith(SSM_PREFIX) ? "ssm" : target.startsWith(ECR_PREFIX) ? "ecr" : "unknown";
    }

    static String operation(String target) {
        int dot = target.indexOf('.');
        return dot < 0 ? target : target.substring(dot + 1);
    }
}
