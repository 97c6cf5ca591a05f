package dev.spotrun.localcloud;

import java.time.Duration;

/**
 * A fault for the next {@code remaining} requests of an action: one that answers instead of handling the
 * request ({@link #before()}), or one that spoils the answer of a handled request.
 */
record CountedFault(Kind kind, String action, int remaining, int status, String code, Duration late) {

    enum Kind { THROTTLE, FAIL, DEPENDENCY_VIOLATION, DROP_ANSWER, ERROR_AFTER, LATE_ANSWER }

    /** An error to answer with, and the spec of the fault it comes from. */
    record InjectedError(int status, String code, String message, String fault) {

        /** Throttling as the service answers it: EC2 with 503 RequestLimitExceeded, the JSON services with 400. */
        static InjectedError throttling(String service, String action, String fault) {
            if (service.equals(CloudFaults.EC2)) {
                return new InjectedError(503, "RequestLimitExceeded", "Request limit exceeded. Account "
                        + LocalCloud.ACCOUNT + " has been throttled on ec2:" + action
                        + " because it exceeded its request rate limit.", fault);
            }
            return new InjectedError(400, "ThrottlingException", "Rate exceeded", fault);
        }
    }

    /** What happens to the answer of a handled request: dropped, replaced by an error, or sent late. */
    record Spoiled(boolean drop, InjectedError error, Duration late, String fault) {
    }

    boolean before() {
        return kind == Kind.THROTTLE || kind == Kind.FAIL || kind == Kind.DEPENDENCY_VIOLATION;
    }

    /** The same fault with one request fewer left. */
    CountedFault less() {
        return new CountedFault(kind, action, remaining - 1, status, code, late);
    }

    String spec() {
        return switch (kind) {
            case THROTTLE -> "throttle:" + action + ":" + remaining;
            case FAIL -> "fail:" + action + ":" + code + ":" + remaining + ":" + status;
            case DEPENDENCY_VIOLATION -> "dependency-violation:" + remaining;
            case DROP_ANSWER -> "drop-answer:" + action + ":" + remaining;
            case ERROR_AFTER -> "error-after:" + action + ":" + remaining;
            case LATE_ANSWER -> "late-answer:" + action + ":" + Durations.format(late) + ":" + remaining;
        };
    }

    /** The answer of a fault that comes {@link #before()} handling. */
    InjectedError error(String service, String requestAction) {
        return switch (kind) {
            case THROTTLE -> InjectedError.throttling(service, requestAction, spec());
            case DEPENDENCY_VIOLATION -> new InjectedError(400, code,
                    "resource has a dependent object (injected fault)", spec());
            default -> new InjectedError(status, code, "injected fault: " + code, spec());
        };
    }

    /** What a fault that comes after handling does to the answer. */
    Spoiled spoiler() {
        return switch (kind) {
            case DROP_ANSWER -> new Spoiled(true, null, null, spec());
            case ERROR_AFTER -> new Spoiled(false, new InjectedError(500, "InternalError",
                    "An internal error has occurred (injected fault)", spec()), null, spec());
            default -> new Spoiled(false, null, late, spec());
        };
    }
}
