package dev.spotrun.domain;

import java.util.Objects;

/**
 * Credentials for one registry. Never logged: {@link #toString()} hides the password.
 *
 * @param serverAddress the registry, e.g. {@code https://123456789012.dkr.ecr.eu-west-1.amazonaws.com}
 * @param username      the user name ({@code AWS} for ECR)
 * @param password      the password or token
 */
public record RegistryCredentials(String serverAddress, String username, String password) {

    public RegistryCredentials {
        Objects.requireNonNull(serverAddress, "serverAddress");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "RegistryCredentials[serverAddress=" + serverAddress + ", username=" + username + ", password=<redacted>]";
    }
}
