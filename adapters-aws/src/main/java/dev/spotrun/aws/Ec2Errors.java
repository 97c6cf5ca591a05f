package dev.spotrun.aws;

import dev.spotrun.domain.LaunchOption;
import dev.spotrun.domain.failure.Cancelled;
import dev.spotrun.domain.failure.CapacityUnavailable;
import dev.spotrun.domain.failure.CloudNotConfigured;
import dev.spotrun.domain.failure.CloudRejected;
import dev.spotrun.domain.failure.CloudRejected.Subject;
import dev.spotrun.domain.failure.CloudUnavailable;
import dev.spotrun.domain.failure.SpotrunException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
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

    /** Codes whose refusal is about the caller's credentials rather than the request. */
    private static final Set<String> CREDENTIAL_CODES = Set.of("AuthFailure", "InvalidClientTokenId",
            "SignatureDoesNotMatch", "ExpiredToken", "ExpiredTokenException", "UnrecognizedClientException",
            "InvalidAccessKeyId");
    private static final Set<String> PERMISSION_CODES = Set.of("UnauthorizedOperation", "AccessDenied",
            "AccessDeniedException");
    /** What an EC2 code is about, by its prefix (EC2 spells one family of codes that way). */
    private static final Map<String, Subject> SUBJECT_BY_PREFIX = Map.of(
            "InvalidAMIID", Subject.IMAGE,
            "InvalidSubnet", Subject.SUBNET,
            "InvalidGroup", Subject.SECURITY_GROUP,
            "InvalidSecurityGroup", Subject.SECURITY_GROUP,
            "InvalidInstanceType", Subject.INSTANCE_TYPE,
            "ParameterNotFound", Subject.IMAGE);

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

    /** Whether {@code e} is an EC2 answer with one of these error codes (any other failure is not). */
    static boolean isCode(RuntimeException e, String... codes) {
        if (!(e instanceof SdkException sdk)) {
            return false;
        }
        String code = code(sdk);
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
     * already), {@link CloudNotConfigured} when no request could even be signed, {@link CloudRejected} for
     * everything else, which no retry fixes.
     */
    static SpotrunException translate(String what, SdkException e) {
        return translate(what, e, UnaryOperator.identity());
    }

    /**
     * The same, where the call's context tells better what a refusal is about than its code alone: a missing
     * group is the run's own, not the user's; any refusal to read the image id is about the image.
     */
    static SpotrunException translate(String what, SdkException e, UnaryOperator<Subject> about) {
        if (interrupted(e)) {
            Thread.currentThread().interrupt();
            return new Cancelled(what + " was cancelled");
        }
        if (e instanceof AwsServiceException service) {
            String code = code(service);
            if (RetryUtils.isThrottlingException(service) || service.statusCode() >= 500) {
                return new CloudUnavailable(what + " failed after retries: " + code + ": " + message(service), e);
            }
            return new CloudRejected(about.apply(subject(code, message(service))), code,
                    what + " was refused: " + message(service), e);
        }
        CloudNotConfigured setup = ClientSetup.notConfigured(e);
        if (setup != null) {
            return setup;
        }
        return new CloudUnavailable(what + " failed: the cloud could not be reached (" + e.getMessage() + ")", e);
    }

    /** What a refusal is about, from the cloud's code and, for the catch-all code, its words. */
    static Subject subject(String code, String message) {
        if (CREDENTIAL_CODES.contains(code)) {
            return Subject.CREDENTIALS;
        }
        if (PERMISSION_CODES.contains(code)) {
            return Subject.PERMISSION;
        }
        for (Map.Entry<String, Subject> prefix : SUBJECT_BY_PREFIX.entrySet()) {
            if (code.startsWith(prefix.getKey())) {
                return prefix.getValue();
            }
        }
        String words = message.toLowerCase(Locale.ROOT);
        if (code.startsWith("InvalidParameter") && words.contains("iaminstanceprofile")) {
            return Subject.INSTANCE_PROFILE;
        }
        if (code.startsWith("InvalidParameter") && (words.contains("instancetype") || words.contains("instance type"))) {
            return Subject.INSTANCE_TYPE;
        }
        return Subject.REQUEST;
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
