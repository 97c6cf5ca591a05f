package dev.spotrun.localcloud;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * EC2's filter semantics: a resource matches when, for every filter, one of its values is among the filter's
 * values ({@code *} and {@code ?} are wildcards); {@code tag:KEY} and {@code tag-key} filter by tags.
 */
final class Filters {

    private Filters() {
    }

    static boolean matches(Map<String, List<String>> filters, Function<String, List<String>> valuesOf) {
        for (Map.Entry<String, List<String>> filter : filters.entrySet()) {
            List<String> actual = valuesOf.apply(filter.getKey());
            boolean any = actual.stream().anyMatch(value -> filter.getValue().stream().anyMatch(p -> glob(p, value)));
            if (!any) {
                return false;
            }
        }
        return true;
    }

    /** The values of a tag filter, or an error for a filter name that is not a tag filter. */
    static List<String> tagValues(String filter, Map<String, String> tags) {
        if (filter.equals("tag-key")) {
            return List.copyOf(tags.keySet());
        }
        if (filter.startsWith("tag:")) {
            String value = tags.get(filter.substring(4));
            return value == null ? List.of() : List.of(value);
        }
        throw unknown(filter);
    }

    static CloudError unknown(String filter) {
        return CloudError.badRequest("InvalidParameterValue", "The filter '" + filter + "' is invalid");
    }

    private static boolean glob(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return value.matches(regex.toString());
    }
}
