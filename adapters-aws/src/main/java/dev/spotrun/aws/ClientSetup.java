package dev.spotrun.aws;

import dev.spotrun.domain.failure.AdapterFailed;
import dev.spotrun.domain.failure.CloudNotConfigured;
import dev.spotrun.domain.failure.CloudNotConfigured.Setting;
import dev.spotrun.domain.failure.SpotrunException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Builds the SDK's clients, and says in the domain's words why one cannot be built or cannot sign a request:
 * no region, no credentials, an endpoint that is not an http or https URL. The SDK finds all three in its own
 * chains (settings, environment, profile, instance metadata) and reports them as generic client errors, or as
 * a bare {@link RuntimeException} for some malformed URLs.
 */
final class ClientSetup {

    private static final Pattern PROFILE = Pattern.compile("no credentials for profile '([^']*)'");
    private static final Pattern BAD_REGION = Pattern.compile("Configured region \\(([^)]*)\\)");

    private ClientSetup() {
    }

    /**
     * Builds a client and checks the endpoint it will call.
     *
     * @param service the service's name, e.g. "EC2"
     */
    static <C extends SdkClient> C build(String service, Supplier<C> builder) {
        C client;
        try {
            client = builder.get();
        } catch (RuntimeException e) {
            throw buildFailure(service, e);
        }
        URI endpoint = client.serviceClientConfiguration().endpointOverride().orElse(null);
        if (endpoint != null && !usable(endpoint)) {
            client.close();
            throw new CloudNotConfigured(Setting.ENDPOINT, "the " + service + " endpoint '" + endpoint
                    + "' is not an http or https URL with a host", null);
        }
        return client;
    }

    private static boolean usable(URI endpoint) {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && endpoint.getHost() != null;
    }

    private static SpotrunException buildFailure(String service, RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Unable to load region")) {
            return new CloudNotConfigured(Setting.REGION, "no region is set for the " + service
                    + " client: none was given, and the SDK found none in the environment or the profile", e);
        }
        Matcher region = BAD_REGION.matcher(message);
        if (region.find()) {
            return new CloudNotConfigured(Setting.REGION, "'" + region.group(1).replace("%20", " ")
                    + "' is not a region: it makes no valid " + service + " endpoint", e);
        }
        URISyntaxException url = find(e, URISyntaxException.class);
        if (url != null) {
            return new CloudNotConfigured(Setting.ENDPOINT, "the " + service + " endpoint is not a URL: "
                    + url.getMessage(), e);
        }
        return new AdapterFailed("setting up the AWS " + service + " client", e);
    }

    /**
     * The failure of a call that never reached the cloud because the client could not sign or address it, or
     * null when the failure was something else (e.g. the network).
     */
    static CloudNotConfigured notConfigured(SdkException e) {
        if (e instanceof AwsServiceException) {
            return null;
        }
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Unable to load credentials")) {
            Matcher profile = PROFILE.matcher(message);
            String where = profile.find() ? " (profile '" + profile.group(1) + "' has none, or does not exist)" : "";
            return new CloudNotConfigured(Setting.CREDENTIALS, "no AWS credentials were found" + where
                    + ": none in the environment, the shared config files or an instance role", e);
        }
        if (message.contains("Protocol must be 'http' or 'https'")) {
            return new CloudNotConfigured(Setting.ENDPOINT, "the endpoint is not an http or https URL", e);
        }
        return null;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
