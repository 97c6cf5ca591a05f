package dev.spotrun.domain.failure;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The request is invalid; nothing was provisioned. It carries every problem found as facts: which field of the
 * {@link dev.spotrun.domain.RunSpec} (see {@link SpecField}), the offending value and why, in words that name
 * no command-line flag, so that each front end can say it in its own terms.
 */
public final class InvalidRunSpec extends SpotrunException {

    private final List<Problem> problems;

    /** @param problems at least one; duplicates are reported once */
    public InvalidRunSpec(List<Problem> problems) {
        super(describe(problems), false);
        this.problems = List.copyOf(new LinkedHashSet<>(problems));
        if (this.problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid run spec has at least one problem");
        }
    }

    /** One problem. */
    public static InvalidRunSpec of(String field, String value, String reason) {
        return new InvalidRunSpec(List.of(new Problem(field, value, reason)));
    }

    /** Every problem, in the order found. */
    public List<Problem> problems() {
        return problems;
    }

    private static String describe(List<Problem> problems) {
        return problems.stream().distinct().map(Problem::toString).collect(Collectors.joining("; "));
    }

    /**
     * One thing wrong with a spec.
     *
     * @param field   the field of the spec, one of {@link SpecField}
     * @param value   the offending value, shortened and with control characters escaped, so that it prints on one
     *                line; never a secret (for an environment variable it is the name, never the value); "" when
     *                the problem is about the field as a whole (e.g. too many tags)
     * @param reason  why it is wrong and, where it can say so without naming a flag, what to do instead
     * @param related other fields that take part, e.g. the timeouts a time-to-live must outlast; often empty
     */
    public record Problem(String field, String value, String reason, List<String> related) {

        /** Values longer than this many characters are shortened, ending in "...". */
        public static final int MAX_VALUE_CHARS = 64;

        public Problem {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(reason, "reason");
            value = printable(Objects.requireNonNullElse(value, ""));
            related = List.copyOf(Objects.requireNonNullElse(related, List.of()));
        }

        public Problem(String field, String value, String reason) {
            this(field, value, reason, List.of());
        }

        /** Short, one line, no control characters: safe to print in any message. */
        static String printable(String value) {
            StringBuilder sb = new StringBuilder();
            int count = value.codePointCount(0, value.length());
            int kept = count > MAX_VALUE_CHARS ? MAX_VALUE_CHARS - 3 : count;
            value.codePoints().limit(kept).forEach(c -> sb.append(escaped(c)));
            if (kept < count) {
                sb.append("...");
            }
            return sb.toString();
        }

        private static String escaped(int c) {
            return switch (c) {
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                case 0 -> "\\0";
                default -> Character.isISOControl(c) ? String.format("\\u%04x", c) : Character.toString(c);
            };
        }

        @Override
        public String toString() {
            return field + (value.isEmpty() ? "" : " '" + value + "'") + ": " + reason;
        }
    }
}
