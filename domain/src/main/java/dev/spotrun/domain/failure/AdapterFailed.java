package dev.spotrun.domain.failure;

/**
 * An adapter failed with an error of its own technology that it did not translate into one of the failures
 * here, more likely a fault in that adapter than in the user's setup. Carries what spotrun was doing and the
 * error's own words, so that the user sees both rather than a class name.
 */
public final class AdapterFailed extends SpotrunException {

    private final String doing;
    private final String detail;

    /**
     * @param doing what spotrun was doing, e.g. "the launch step of attempt 1"
     * @param cause the error as the adapter let it through
     */
    public AdapterFailed(String doing, Throwable cause) {
        super(doing + " failed: " + words(cause), false, cause);
        this.doing = doing;
        this.detail = words(cause);
    }

    /** The error's own message; only when it has none, what kind of error it was. */
    private static String words(Throwable cause) {
        if (cause == null) {
            return "no details";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? "no details (" + cause.getClass().getSimpleName() + ")"
                : message.strip();
    }

    public String doing() {
        return doing;
    }

    public String detail() {
        return detail;
    }
}
