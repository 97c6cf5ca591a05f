package dev.spotrun.cli.wiring;

import java.net.URI;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the AWS wiring reads of the caller's environment beyond what the AWS SDK reads itself: where EC2 and ECR
 * answer ({@code AWS_ENDPOINT_URL_EC2}, {@code AWS_ENDPOINT_URL_ECR}, else {@code AWS_ENDPOINT_URL}, unless
 * {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true}), and the local cloud's registry
 * ({@code SPOTRUN_LOCAL_REGISTRY}, printed by {@code spotrun local-cloud}).
 *
 * @param ec2Endpoint   the EC2 endpoint, or "" for AWS's own
 * @param ecrEndpoint   the ECR endpoint, or "" for AWS's own
 * @param localRegistry the local cloud's registry, {@code HOST:PORT}, or ""
 */
public record AwsEnvironment(String ec2Endpoint, String ecrEndpoint, String localRegistry) {

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

    /** Nothing set: AWS itself. */
    public static final AwsEnvironment NONE = new AwsEnvironment("", "", "");

    public static AwsEnvironment of(Map<String, String> env) {
        boolean ignored = "true".equalsIgnoreCase(env.getOrDefault("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", ""));
        String common = ignored ? "" : env.getOrDefault("AWS_ENDPOINT_URL", "");
        return new AwsEnvironment(ignored ? "" : env.getOrDefault("AWS_ENDPOINT_URL_EC2", common),
                ignored ? "" : env.getOrDefault("AWS_ENDPOINT_URL_ECR", common),
                env.getOrDefault("SPOTRUN_LOCAL_REGISTRY", "").strip());
    }

    /** Whether EC2 answers on this machine's loopback, as a local cloud does. */
    public boolean ec2OnLoopback() {
        return onLoopback(ec2Endpoint);
    }

    /**
     * The local cloud's registry when its ECR tokens come from a local cloud too (ECR on loopback), else "": a
     * token of the real ECR is never handed to a registry named by a variable.
     */
    public String localEcrRegistry() {
        return onLoopback(ecrEndpoint) ? localRegistry : "";
    }

    /** The CIDR that the caller's connections to a machine on loopback come from. */
    public String loopbackCidr() {
        String host = host(ec2Endpoint);
        return host.contains(":") ? "::1/128" : "127.0.0.1/32";
    }

    static boolean onLoopback(String endpoint) {
        String host = host(endpoint);
        return host.equalsIgnoreCase("localhost") || IPV4_LOOPBACK.matcher(host).matches() || host.equals("::1");
    }

    private static String host(String endpoint) {
        if (endpoint.isEmpty()) {
            return "";
        }
        try {
            String host = URI.create(endpoint).getHost();
            return host == null ? "" : host.replace("[", "").replace("]", "");
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
