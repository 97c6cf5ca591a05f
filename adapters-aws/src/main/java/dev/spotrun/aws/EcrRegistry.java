package dev.spotrun.aws;

import dev.spotrun.domain.ImageRef;
import dev.spotrun.domain.RegistryCredentials;
import dev.spotrun.domain.failure.Cancelled;
import dev.spotrun.domain.failure.CloudUnavailable;
import dev.spotrun.domain.failure.RegistryUnauthorized;
import dev.spotrun.domain.port.RegistryPort;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenRequest;

/**
 * Pull credentials for ECR images: GetAuthorizationToken in the registry's own region, decoded from
 * {@code AWS:password}, kept until shortly before the token expires. Other registries get none. The token is
 * never logged: it lives only in the returned {@link RegistryCredentials}, whose toString hides it.
 */
final class EcrRegistry implements RegistryPort {

    /** Refresh this long before expiry, so that a pull that starts just before it still succeeds. */
    static final Duration REFRESH_MARGIN = Duration.ofMinutes(15);

    private record Cached(RegistryCredentials credentials, Instant refreshAt) {
    }

    private final Function<String, EcrClient> clientForRegion;
    private final Clock clock;
    private final Map<String, EcrHost> otherNames;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /**
     * @param otherNames registry hosts that are ECR registries under another name (e.g. behind a proxy or a
     *                   local cloud), each with the ECR registry whose tokens it accepts
     */
    EcrRegistry(Function<String, EcrClient> clientForRegion, Clock clock, Map<String, EcrHost> otherNames) {
        this.clientForRegion = clientForRegion;
        this.clock = clock;
        this.otherNames = Map.copyOf(otherNames);
    }

    @Override
    public Optional<RegistryCredentials> credentialsFor(ImageRef image) {
        EcrHost host = otherNames.containsKey(image.registry()) ? otherNames.get(image.registry())
                : EcrHost.parse(image.registry());
        if (host == null) {
            return Optional.empty();
        }
        Cached cached = cache.get(host.host());
        if (cached == null || !clock.instant().isBefore(cached.refreshAt())) {
            cached = fetch(host);
            cache.put(host.host(), cached);
        }
        return Optional.of(cached.credentials());
    }

    private Cached fetch(EcrHost host) {
        AuthorizationData data;
        try {
            // A token of a region opens every registry there that the credentials may read, other accounts' too.
            data = clientForRegion.apply(host.region())
                    .getAuthorizationToken(GetAuthorizationTokenRequest.builder().build()).authorizationData().get(0);
        } catch (SdkException e) {
            throw failure(host, e);
        }
        String decoded = new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new RegistryUnauthorized(host.host(), null);
        }
        RegistryCredentials credentials = new RegistryCredentials("https://" + host.host(),
                decoded.substring(0, colon), decoded.substring(colon + 1));
        return new Cached(credentials, refreshAt(data.expiresAt()));
    }

    private Instant refreshAt(Instant expiresAt) {
        Instant now = clock.instant();
        if (expiresAt == null) {
            return now;
        }
        Instant early = expiresAt.minus(REFRESH_MARGIN);
        // A token that lives shorter than the margin is used for half its life.
        return early.isAfter(now) ? early : now.plus(Duration.between(now, expiresAt).dividedBy(2));
    }

    private static RuntimeException failure(EcrHost host, SdkException e) {
        if (Ec2Errors.interrupted(e)) {
            Thread.currentThread().interrupt();
            return new Cancelled("getting the ECR token for " + host.host() + " was cancelled");
        }
        if (e instanceof AwsServiceException service && service.statusCode() < 500
                && !software.amazon.awssdk.core.retry.RetryUtils.isThrottlingException(service)) {
            return new RegistryUnauthorized(host.host(), e);
        }
        RuntimeException notConfigured = ClientSetup.notConfigured(e);
        if (notConfigured != null) {
            return notConfigured;
        }
        return new CloudUnavailable("ECR in " + host.region() + " did not hand out a token: " + e.getMessage(), e);
    }
}
