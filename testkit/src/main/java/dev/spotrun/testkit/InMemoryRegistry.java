package dev.spotrun.testkit;

import dev.spotrun.domain.ImageRef;
import dev.spotrun.domain.RegistryCredentials;
import dev.spotrun.domain.failure.Cancelled;
import dev.spotrun.domain.failure.RegistryUnauthorized;
import dev.spotrun.domain.port.RegistryPort;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Registry credentials from memory: {@link #grant grant} credentials for a registry host and images there
 * get them; {@link #deny deny} a host and asking for its credentials fails as an expired or missing cloud
 * login would. Every request is {@link #requests() recorded}. Like ECR's client, asking about a registry it
 * answers for from an interrupted thread fails with {@link Cancelled}, the flag kept.
 */
public final class InMemoryRegistry implements RegistryPort {

    private final Map<String, RegistryCredentials> credentials = new ConcurrentHashMap<>();
    private final Set<String> denied = ConcurrentHashMap.newKeySet();
    private final List<ImageRef> requests = new CopyOnWriteArrayList<>();

    /** Images on {@code registryHost} are pulled with these credentials. */
    public InMemoryRegistry grant(String registryHost, RegistryCredentials granted) {
        credentials.put(registryHost, granted);
        return this;
    }

    /** Asking for credentials of {@code registryHost} fails with {@link RegistryUnauthorized}. */
    public InMemoryRegistry deny(String registryHost) {
        denied.add(registryHost);
        return this;
    }

    @Override
    public Optional<RegistryCredentials> credentialsFor(ImageRef image) {
        requests.add(image);
        boolean known = denied.contains(image.registry()) || credentials.containsKey(image.registry());
        if (known && Thread.currentThread().isInterrupted()) {
            throw new Cancelled("asking for the credentials of " + image.registry() + " was not sent: interrupted");
        }
        if (denied.contains(image.registry())) {
            throw new RegistryUnauthorized(image.registry(), null);
        }
        return Optional.ofNullable(credentials.get(image.registry()));
    }

    /** The images credentials were asked for, in order. */
    public List<ImageRef> requests() {
        return Collections.unmodifiableList(requests);
    }
}
