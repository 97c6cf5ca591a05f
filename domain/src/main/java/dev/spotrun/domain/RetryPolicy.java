package dev.spotrun.domain;

/**
 * What happens when a spot machine is taken back during a run.
 *
 * @param retries          how many more machines to try after the first is interrupted (0 for none)
 * @param onDemandRetries  whether retries buy on-demand machines, which cannot be interrupted
 */
public record RetryPolicy(int retries, boolean onDemandRetries) {

    /** Two retries, on the same market. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(2, false);
    }

    public static RetryPolicy none() {
        return new RetryPolicy(0, false);
    }

    /** The most attempts a run may make. */
    public int maxAttempts() {
        return retries + 1;
    }
}
