package dev.spotrun.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.retry.RetryUtils;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.retries.StandardRetryStrategy;

/**
 * The SDK's standard retry strategy (token bucket, jittered exponential backoff, throttling backoff) with the
 * SDK's own retry conditions, less one: capacity errors. EC2 sends InsufficientInstanceCapacity as a server
 * error (500), which the default conditions retry for seconds; but capacity does not come back within seconds
 * and the lifecycle falls back to the next launch option at once instead.
 */
final class Ec2Retries {

    private static final Set<Integer> RETRYABLE_STATUS = Set.of(500, 502, 503, 504);
    /** The error codes the SDK's AWS conditions retry whatever their status. */
    private static final Set<String> RETRYABLE_CODES =
            Set.of("RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete", "InternalError");

    private Ec2Retries() {
    }

    static StandardRetryStrategy strategy(int maxAttempts) {
        return DefaultRetryStrategy.standardStrategyBuilder()
                .maxAttempts(maxAttempts)
                // Otherwise the client adds its default conditions, which retry every 500.
                .useClientDefaults(false)
                .retryOnException(Ec2Retries::retryable)
                .treatAsThrottling(e -> e instanceof SdkException s && RetryUtils.isThrottlingException(s))
                .build();
    }

    static boolean retryable(Throwable e) {
        if (Ec2Errors.isCapacity(e)) {
            return false;
        }
        if (e instanceof SdkException sdk && (RetryUtils.isRetryableException(sdk) || RetryUtils.isThrottlingException(sdk)
                || RetryUtils.isClockSkewException(sdk))) {
            return true;
        }
        if (e instanceof SdkServiceException service && RETRYABLE_STATUS.contains(service.statusCode())) {
            return true;
        }
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                && RETRYABLE_CODES.contains(aws.awsErrorDetails().errorCode())) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof UncheckedIOException || t instanceof ApiCallAttemptTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
