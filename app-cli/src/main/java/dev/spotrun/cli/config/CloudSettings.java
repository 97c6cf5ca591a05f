package dev.spotrun.cli.config;

import java.util.Objects;

/**
 * Which cloud to talk to. Region and profile are "" when the AWS SDK's own defaults apply ({@code AWS_REGION},
 * {@code AWS_PROFILE}, the config files, the default credential chain).
 *
 * @param cloud   aws or local
 * @param region  the region, or ""
 * @param profile the named profile of the AWS config files, or ""
 */
public record CloudSettings(Cloud cloud, String region, String profile) {

    public CloudSettings {
        Objects.requireNonNull(cloud, "cloud");
        region = Objects.requireNonNullElse(region, "");
        profile = Objects.requireNonNullElse(profile, "");
    }
}
