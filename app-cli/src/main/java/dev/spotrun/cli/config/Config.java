package dev.spotrun.cli.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The defaults read from a configuration file: {@code key = value} lines whose keys are the long option
 * names of {@code spotrun run}, and a {@code [tags]} section. Flags given on the command line win.
 *
 * @param source where it was read from, for messages, or "" when there was no file
 * @param values the settings by key, in file order
 * @param tags   the {@code [tags]} section
 */
public record Config(String source, Map<String, Entry> values, Map<String, String> tags) {

    /** The keys a file may set, as the long options of {@code spotrun run} spell them. */
    public static final Set<String> KEYS = Set.of("cloud", "region", "profile", "instance-type", "market",
            "max-price", "subnet", "zone", "ami", "iam-instance-profile", "security-group", "allow-cidr",
            "private-ip", "boot-timeout", "pull-timeout", "timeout", "stop-timeout", "ttl", "abandon-after", "retries",
            "on-demand-retries", "owner", "progress");

    /**
     * One setting.
     *
     * @param values its value, or the elements of its array
     * @param line   the line it was set on, for messages
     */
    public record Entry(List<String> values, int line) {
        public Entry {
            values = List.copyOf(values);
        }
    }

    public Config {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** No file: every setting at its built-in default. */
    public static Config empty() {
        return new Config("", Map.of(), Map.of());
    }

    /** The single value of {@code key}, when the file sets it. */
    public Optional<String> value(String key) {
        Entry entry = values.get(key);
        return entry == null || entry.values().isEmpty() ? Optional.empty() : Optional.of(entry.values().get(0));
    }

    /** The values of {@code key}, or an empty list when the file does not set it. */
    public List<String> list(String key) {
        Entry entry = values.get(key);
        return entry == null ? List.of() : entry.values();
    }

    /** Where {@code key} was set, for messages: {@code FILE line N}. */
    public String where(String key) {
        Entry entry = values.get(key);
        return entry == null ? source : source + " line " + entry.line();
    }
}
