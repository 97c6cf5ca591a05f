package dev.spotrun.cli;

import dev.spotrun.domain.failure.AdapterFailed;
import dev.spotrun.domain.failure.CallerAddressUnknown;
import dev.spotrun.domain.failure.CloudNotConfigured;
import dev.spotrun.domain.failure.CloudRejected;
import dev.spotrun.domain.failure.CloudUnavailable;
import dev.spotrun.domain.failure.EngineRejected;
import dev.spotrun.domain.failure.EngineUnreachable;
import dev.spotrun.domain.failure.InstanceFailed;
import dev.spotrun.domain.failure.NoCapacity;
import dev.spotrun.domain.failure.SpotInterrupted;
import dev.spotrun.domain.failure.TerminateFailed;
import dev.spotrun.domain.failure.TimedOut;
import dev.spotrun.domain.failure.SpotrunException;

/**
 * What to do about a failure, chosen from its facts (what a refusal is about, which setting is missing, why
 * an engine could not be talked to), so that a suggestion names the flags and settings that can fix what
 * happened and no other. Failures below the command line carry facts; flags are named only here.
 */
final class Suggestions {

    private Suggestions() {
    }

    /** The failure's own words and, when they do not say it themselves, what to do. */
    static String line(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        String hint = hint(failure);
        return hint.isEmpty() ? message : message + "; " + hint;
    }

    /** What to do, or "" when the failure's own message says it (usage errors, the lifecycle's failures). */
    static String hint(Throwable failure) {
        if (failure instanceof CallerAddressUnknown unknown) {
            return (unknown.retryable() ? "try again, or " : "")
                    + "give --allow-cidr with the addresses that may reach the machine's Docker port,"
                    + " e.g. this machine's public address as A.B.C.D/32";
        }
        if (failure instanceof CloudNotConfigured missing) {
            return notConfigured(missing.setting());
        }
        if (failure instanceof CloudRejected rejected) {
            return rejected(rejected.subject());
        }
        if (failure instanceof CloudUnavailable) {
            return "check the network, the region and AWS_ENDPOINT_URL, then try again";
        }
        if (failure instanceof EngineUnreachable unreachable) {
            return unreachable(unreachable.reason());
        }
        if (failure instanceof EngineRejected) {
            return "check the container options";
        }
        if (failure instanceof TimedOut timedOut) {
            return timedOut(timedOut);
        }
        if (failure instanceof NoCapacity) {
            return "add instance types with --instance-type, allow --market spot-then-on-demand, or try later";
        }
        if (failure instanceof SpotInterrupted) {
            return "raise --retries, or use --market on-demand (or --on-demand-retries)";
        }
        if (failure instanceof TerminateFailed) {
            return "it powers itself off at its expiry or once no client is connected (--abandon-after), and"
                    + " 'spotrun gc' terminates it after its expiry";
        }
        if (failure instanceof InstanceFailed) {
            return "try again; if it keeps failing, check --ami and the instance's console output";
        }
        if (failure instanceof AdapterFailed) {
            return "run again with --debug to see where, and report it if it happens again";
        }
        return failure.getClass() == SpotrunException.class ? "run again with --debug for details" : "";
    }

    /** A boot that timed out because the engine refused or could not be reached says why, not only "wait longer". */
    private static String timedOut(TimedOut timedOut) {
        return switch (timedOut.phase()) {
            case PULL -> "raise --pull-timeout if the image is that large, or check the registry";
            case RUN -> "raise --timeout if the job needs longer";
            default -> timedOut.getCause() instanceof EngineUnreachable unreachable
                    ? unreachable(unreachable.reason()) + "; or raise --boot-timeout if the machine boots that slowly"
                    : "raise --boot-timeout if the machine boots that slowly";
        };
    }

    private static String notConfigured(CloudNotConfigured.Setting setting) {
        return switch (setting) {
            case REGION -> "give --region (or set AWS_REGION), e.g. --region eu-west-1";
            case CREDENTIALS -> "give AWS credentials: --profile (or AWS_PROFILE) naming a profile that has them,"
                    + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or an instance role";
            case ENDPOINT -> "fix AWS_ENDPOINT_URL (an http or https URL such as http://127.0.0.1:4566),"
                    + " or unset it to use AWS";
        };
    }

    private static String rejected(CloudRejected.Subject subject) {
        return switch (subject) {
            case CREDENTIALS -> "check the AWS credentials (--profile, AWS_PROFILE, AWS_ACCESS_KEY_ID):"
                    + " they are not valid here, or have expired";
            case PERMISSION -> "the credentials lack a permission spotrun needs: attach the IAM policy from the README";
            case IMAGE -> "check --ami (image ids are per region); without it the latest Amazon Linux 2023 image"
                    + " is looked up in SSM, which needs ssm:GetParameter";
            case SUBNET -> "check --subnet (subnets are per region and account)";
            case SECURITY_GROUP -> "check --security-group (it must exist in this region, in the subnet's VPC)";
            case INSTANCE_PROFILE -> "check --iam-instance-profile, and that the credentials may pass its role"
                    + " (iam:PassRole)";
            case INSTANCE_TYPE -> "check --instance-type (not every type exists in every region and zone)";
            case ADDRESS -> "use a --subnet that gives machines public addresses, or --private-ip when spotrun"
                    + " runs inside the VPC";
            case REQUEST -> "run again with --debug for the cloud's whole answer";
        };
    }

    private static String unreachable(EngineUnreachable.Reason reason) {
        return switch (reason) {
            case NETWORK -> "the machine's Docker port 2376 must be reachable from here: check --allow-cidr,"
                    + " --security-group, --subnet and --private-ip";
            case TLS -> "a connection was made but mutual TLS failed: the engine there is not this run's, or the"
                    + " machine did not finish setting it up; try again, and check the instance's console output";
        };
    }
}
