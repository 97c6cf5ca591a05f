package dev.spotrun.localcloud;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parameters of an EC2 Query request ({@code Action=...&Foo.1.Bar=...}), with the helpers that read the
 * EC2 protocol's numbered lists ({@code Name.1}, {@code Name.2}, ...) and nested members ({@code A.1.B}).
 */
final class FormRequest {

    private final Map<String, String> params;

    FormRequest(Map<String, String> params) {
        this.params = Map.copyOf(params);
    }

    static FormRequest parse(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (!body.isEmpty()) {
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                params.put(key, value);
            }
        }
        return new FormRequest(params);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    Map<String, String> all() {
        return params;
    }

    String action() {
        return get("Action");
    }

    /** The value, or null when absent. */
    String get(String name) {
        return params.get(name);
    }

    String get(String name, String fallback) {
        return params.getOrDefault(name, fallback);
    }

    int getInt(String name, int fallback) {
        String value = params.get(name);
        return value == null ? fallback : Integer.parseInt(value);
    }

    /** The values of {@code prefix.1}, {@code prefix.2}, ... in order. */
    List<String> list(String prefix) {
        List<String> values = new ArrayList<>();
        for (int i = 1; params.containsKey(prefix + "." + i); i++) {
            values.add(params.get(prefix + "." + i));
        }
        return values;
    }

    /** The members {@code prefix.N.*} as sub-requests, one per N, in order. */
    List<FormRequest> members(String prefix) {
        Map<Integer, Map<String, String>> byIndex = new TreeMap<>();
        String start = prefix + ".";
        params.forEach((key, value) -> {
            if (key.startsWith(start)) {
                String rest = key.substring(start.length());
                int dot = rest.indexOf('.');
                if (dot > 0 && rest.substring(0, dot).chars().allMatch(Character::isDigit)) {
                    byIndex.computeIfAbsent(Integer.parseInt(rest.substring(0, dot)), i -> new LinkedHashMap<>())
                            .put(rest.substring(dot + 1), value);
                }
            }
        });
        return byIndex.values().stream().map(FormRequest::new).toList();
    }

    /** The {@code Filter.N.Name} / {@code Filter.N.Value.M} pairs. */
    Map<String, List<String>> filters() {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        for (FormRequest filter : members("Filter")) {
            filters.put(filter.get("Name"), filter.list("Value"));
        }
        return filters;
    }

    /** The tags of {@code TagSpecification.N} for one resource type. */
    Map<String, String> tagsFor(String resourceType) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (FormRequest spec : members("TagSpecification")) {
            if (resourceType.equals(spec.get("ResourceType"))) {
                spec.members("Tag").forEach(tag -> tags.put(tag.get("Key"), tag.get("Value", "")));
            }
        }
        return tags;
    }
}
