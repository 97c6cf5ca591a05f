package dev.spotrun.aws;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ECR registry host, {@code ACCOUNT.dkr.ecr[-fips].REGION.amazonaws.com[.cn]}: the account and region its
 * tokens come from.
 *
 * @param host    the host as written in the image reference
 * @param account the 12-digit account id
 * @param region  the region
 */
record EcrHost(String host, String account, String region) {

    private static final Pattern ECR = Pattern.compile(
            "(\\d{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?");

    /** A registry host that takes the tokens of the ECR registry of {@code account} in {@code region}. */
    static EcrHost alias(String host, String account, String region) {
        return new EcrHost(host, account, region);
    }

    /** The ECR host of a registry, or null when it is not one. */
    static EcrHost parse(String registry) {
        Matcher m = ECR.matcher(registry);
        return m.matches() ? new EcrHost(registry, m.group(1), m.group(2)) : null;
    }
}
