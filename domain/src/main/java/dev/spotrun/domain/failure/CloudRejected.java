package dev.spotrun.domain.failure;

/**
 * The cloud refused a request for a reason no retry fixes: credentials, permissions, a bad image id,
 * subnet or profile. Its message names the cloud's code; {@link #subject()} says what the refusal is about,
 * so that the suggestion points at the setting that caused it and at no other.
 */
public final class CloudRejected extends SpotrunException {

    /** What a refusal is about, as far as the adapter can tell from the cloud's code and words. */
    public enum Subject {
        /** The credentials are not valid (unknown, expired, for another partition). */
        CREDENTIALS,
        /** The credentials are valid but lack a permission. */
        PERMISSION,
        /** The machine image: it does not exist (here), or the default one could not be looked up. */
        IMAGE,
        /** The subnet given. */
        SUBNET,
        /** The security group given. */
        SECURITY_GROUP,
        /** The instance profile given. */
        INSTANCE_PROFILE,
        /** The instance type asked for. */
        INSTANCE_TYPE,
        /** The machine has no address that spotrun could connect to. */
        ADDRESS,
        /** Something else in the request. */
        REQUEST
    }

    private final Subject subject;
    private final String code;

    public CloudRejected(Subject subject, String code, String message, Throwable cause) {
        super(message + " (" + code + ")", false, cause);
        this.subject = subject;
        this.code = code;
    }

    /** A refusal about the request in general. */
    public CloudRejected(String code, String message, Throwable cause) {
        this(Subject.REQUEST, code, message, cause);
    }

    public Subject subject() {
        return subject;
    }

    public String code() {
        return code;
    }
}
