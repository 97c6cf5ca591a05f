package dev.spotrun.domain.port;

import dev.spotrun.domain.ImageRef;
import dev.spotrun.domain.RegistryCredentials;
import java.util.Optional;

/**
 * Credentials for pulling images. An adapter answers for the registries it knows (e.g. ECR) and returns
 * empty for the rest, which are pulled anonymously.
 */
public interface RegistryPort {

    /**
     * The credentials to pull {@code image} with, or empty when it needs none.
     *
     * @throws dev.spotrun.domain.failure.RegistryUnauthorized when credentials are needed but cannot be had
     */
    Optional<RegistryCredentials> credentialsFor(ImageRef image);
}
