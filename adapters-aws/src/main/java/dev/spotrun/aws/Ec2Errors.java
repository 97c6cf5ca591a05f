package dev.spotrun.aws;

import dev.spotrun.domain.LaunchOption;
import dev.spotrun.domain.failure.Cancelled;
import dev.spotrun.domain.failure.CapacityUnavailable;
import dev.spotrun.domain.failure.CloudRejected;
import dev.spotrun.domain.failure.CloudUnavailable;
import dev.spotrun.domain.failure.SpotrunException;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryUtils;

/** Translates what the EC2 API said into the domain's failures. */
final class Ec2Errors {

    /**
     * Codes that mean "not this type, market or place, not now": another launch option may work, the same one
     * will not within seconds, so neither the SDK nor this adapter retries them.
     */
    static final Set<String> CAPACITY_CODES = Set.of("InsufficientInstanceCapacity", "InsufficientCapacity",
            "InsufficientHostCapacity", "InsufficientReservedInstanceCapacity", "InsufficientFreeAddressesInSubnet",
            "SpotMaxPriceTooLow", "MaxSpotInstanceCountExceeded", "Unsupported", "VcpuLimitExceeded",
            "InstanceLimitExceeded", "UnfulfillableCapacity");

    private static final Map<String, String> HINTS = Map.of(
            "AuthFailure", "; check the AWS credentials and region",
            "UnauthorizedOperation", "; the credentials lack an EC2 permission spotrun needs",
            "InvalidAMIID.NotFound", "; check --ami (images are per region)",
            "InvalidAMIID.Malformed", "; check --ami",
            "InvalidSubnetID.NotFound", "; check --subnet (subnets are per region)",
            "InvalidGroup.NotFound", "; check --security-group",
            "InvalidParameterValue", "; check the machine options");

    private Ec2Errors() {
    }

    static String code(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            return code == null ? "" : code;
        }
        return "";
    }

    static boolean isCapacity(Throwable e) {
        return e instanceof AwsServiceException service && CAPACITY_CODES.contains(code(service));
    }

    static boolean isCode(SdkException e, String... codes) {
        String code = code(e);
        for (String candidate : codes) {
            if (candidate.equals(code)) {
                return true;
            }
        }
        return false;
    }

    /** A failed RunInstances: no capacity for this option, or one of {@link #translate}'s failures. */
    static SpotrunException launchFailure(LaunchOption option, SdkException e) {
        if (isCapacity(e)) {
            return new CapacityUnavailable(option, code(e), message(e));
        }
        return translate("launching " + option, e);
    }

    /**
     * The failure for an EC2 call that the SDK gave up on: {@link Cancelled} when the thread was interrupted,
     * {@link CloudUnavailable} for throttling, server errors and the network (the SDK has retried those
     * already), {@link CloudRejected} for everything else, which no retry fixes.
     */
    static SpotrunException translate(String what, SdkException e) {
        if (interrupted(e)) {
            Thread.currentThread().interrupt();
            return new Cancelled(what + " was cancelled");
        }
        if (e instanceof AwsServiceException service) {
            String code = code(service);
            if (RetryUtils.isThrottlingException(service) || service.statusCode() >= 500) {
                return new CloudUnavailable(what + " failed after retries: " + code + ": " + message(service), e);
            }
            return new CloudRejected(code, what + " was refused: " + message(service) + HINTS.getOrDefault(code, ""), e);
        }
        return new CloudUnavailable(what + " failed: the cloud could not be reached (" + e.getMessage() + ")", e);
    }

    static boolean interrupted(Throwable e) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof AbortedException) {
                return true;
            }
        }
        return false;
    }

    static String message(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorMessage() != null) {
            return service.awsErrorDetails().errorMessage();
        }
        return String.valueOf(e.getMessage());
    }
}
