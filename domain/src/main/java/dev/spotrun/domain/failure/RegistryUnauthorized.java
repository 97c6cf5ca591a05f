package dev.spotrun.domain.failure;

/** The registry refused the credentials, or asked for some and none were given. */
public final class RegistryUnauthorized extends SpotrunException {

    private final String registry;

    public RegistryUnauthorized(String registry, Throwable cause) {
        super("registry " + registry + " refused access; check the credentials or the permission to pull", false, cause);
        this.registry = registry;
    }

    public String registry() {
        return registry;
    }
}
