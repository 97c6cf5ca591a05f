package dev.spotrun.cli.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A configuration file as TOML types it, read by Jackson's TOML parser: each member is the long option of
 * {@code spotrun run} it sets by default, null when the file does not set it. Durations are strings as the
 * options take them ({@code "10m"}, {@code "1h30m"}); a list may be written as one string.
 */
record FileSettings(
        @JsonProperty("cloud") String cloud,
        @JsonProperty("region") String region,
        @JsonProperty("profile") String profile,
        @JsonProperty("instance-type") List<String> instanceType,
        @JsonProperty("market") String market,
        @JsonProperty("max-price") BigDecimal maxPrice,
        @JsonProperty("subnet") List<String> subnet,
        @JsonProperty("zone") List<String> zone,
        @JsonProperty("ami") String ami,
        @JsonProperty("iam-instance-profile") String iamInstanceProfile,
        @JsonProperty("security-group") String securityGroup,
        @JsonProperty("allow-cidr") String allowCidr,
        @JsonProperty("private-ip") Boolean privateIp,
        @JsonProperty("boot-timeout") String bootTimeout,
        @JsonProperty("pull-timeout") String pullTimeout,
        @JsonProperty("timeout") String timeout,
        @JsonProperty("stop-timeout") String stopTimeout,
        @JsonProperty("ttl") String ttl,
        @JsonProperty("abandon-after") String abandonAfter,
        @JsonProperty("retries") Integer retries,
        @JsonProperty("on-demand-retries") Boolean onDemandRetries,
        @JsonProperty("owner") String owner,
        @JsonProperty("progress") String progress,
        @JsonProperty("tags") Map<String, String> tags) {

    /** The settings the file sets, by key, in the text the command line's converters take. */
    Map<String, List<String>> byKey() {
        Map<String, List<String>> values = new LinkedHashMap<>();
        put(values, "cloud", cloud);
        put(values, "region", region);
        put(values, "profile", profile);
        putList(values, "instance-type", instanceType);
        put(values, "market", market);
        put(values, "max-price", maxPrice == null ? null : maxPrice.toPlainString());
        putList(values, "subnet", subnet);
        putList(values, "zone", zone);
        put(values, "ami", ami);
        put(values, "iam-instance-profile", iamInstanceProfile);
        put(values, "security-group", securityGroup);
        put(values, "allow-cidr", allowCidr);
        put(values, "private-ip", privateIp);
        put(values, "boot-timeout", bootTimeout);
        put(values, "pull-timeout", pullTimeout);
        put(values, "timeout", timeout);
        put(values, "stop-timeout", stopTimeout);
        put(values, "ttl", ttl);
        put(values, "abandon-after", abandonAfter);
        put(values, "retries", retries);
        put(values, "on-demand-retries", onDemandRetries);
        put(values, "owner", owner);
        put(values, "progress", progress);
        return values;
    }

    private static void put(Map<String, List<String>> values, String key, Object value) {
        if (value != null) {
            values.put(key, List.of(value.toString()));
        }
    }

    private static void putList(Map<String, List<String>> values, String key, List<String> list) {
        if (list != null) {
            values.put(key, List.copyOf(list));
        }
    }
}
