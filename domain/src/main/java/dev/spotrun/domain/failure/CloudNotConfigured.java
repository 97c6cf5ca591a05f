package dev.spotrun.domain.failure;

/**
 * The cloud's client could not be set up, or could not sign a request, from the configuration it found: no
 * region, no credentials, an endpoint that is not a usable URL. Nothing was provisioned; no retry fixes it.
 */
public final class CloudNotConfigured extends SpotrunException {

    /** The setting that is missing or wrong. */
    public enum Setting {
        /** No region was given or found, or the one given is not a region. */
        REGION,
        /** No credentials were given or found. */
        CREDENTIALS,
        /** The endpoint (e.g. of a cloud other than the real one) is not a usable http or https URL. */
        ENDPOINT
    }

    private final Setting setting;

    public CloudNotConfigured(Setting setting, String message, Throwable cause) {
        super(message, false, cause);
        this.setting = setting;
    }

    public Setting setting() {
        return setting;
    }
}
