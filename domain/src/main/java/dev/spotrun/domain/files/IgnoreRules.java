package dev.spotrun.domain.files;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The rules of a {@code .dockerignore}, read and matched as Docker's own pattern matcher does: one pattern a line,
 * blank lines and lines starting with {@code #} skipped, {@code !} for an exception, each pattern cleaned as a
 * path (so {@code ./a/} is {@code a}) with a leading {@code /} dropped; {@code *} matches within one name,
 * {@code ?} one character of a name, {@code **} any number of names, {@code [...]} a class, {@code \} escapes. A
 * path is left out when the last pattern that matches it, or one of its parent directories, is not an exception.
 */
public final class IgnoreRules {

    /** No rules: nothing is left out. */
    public static final IgnoreRules NONE = new IgnoreRules(List.of());

    private final List<Rule> rules;

    private record Rule(Pattern pattern, boolean exception) {
    }

    private IgnoreRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * The rules of a {@code .dockerignore}'s text.
     *
     * @throws IllegalArgumentException naming the line of a pattern that is not one (e.g. an unclosed {@code [})
     */
    public static IgnoreRules parse(String text) {
        List<Rule> rules = new ArrayList<>();
        boolean first = true;
        int number = 0;
        for (String line : text.split("\r?\n", -1)) {
            number++;
            if (first && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            first = false;
            String pattern = line.strip();
            if (pattern.isEmpty() || pattern.startsWith("#")) {
                continue;
            }
            boolean exception = pattern.startsWith("!");
            if (exception) {
                pattern = pattern.substring(1).strip();
            }
            if (!pattern.isEmpty()) {
                pattern = clean(pattern);
                if (pattern.length() > 1 && pattern.startsWith("/")) {
                    pattern = pattern.substring(1);
                }
            }
            try {
                rules.add(new Rule(Pattern.compile(regex(pattern)), exception));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("line " + number + " ('" + line.strip() + "') is not a valid"
                        + " pattern", e);
            }
        }
        return new IgnoreRules(rules);
    }

    /** Whether there are exceptions, which may take back a path inside a directory left out. */
    public boolean hasExceptions() {
        return rules.stream().anyMatch(Rule::exception);
    }

    /** Whether the relative path ({@code a/b.txt}, with {@code /}) is left out. */
    public boolean excludes(String path) {
        String file = clean(path);
        String[] parts = file.split("/");
        boolean matched = false;
        for (Rule rule : rules) {
            // As Docker: an exception only matters once something matched, a pattern only while nothing did.
            if (rule.exception() != matched) {
                continue;
            }
            boolean match = rule.pattern().matcher(file).matches();
            for (int i = 1; !match && i < parts.length; i++) {
                match = rule.pattern().matcher(String.join("/", List.of(parts).subList(0, i))).matches();
            }
            if (match) {
                matched = !rule.exception();
            }
        }
        return matched;
    }

    /** A path cleaned as Go's {@code filepath.Clean}: no empty names, no {@code .}, {@code ..} resolved lexically. */
    static String clean(String path) {
        boolean rooted = path.startsWith("/");
        List<String> names = new ArrayList<>();
        for (String name : path.split("/")) {
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (!names.isEmpty() && !names.get(names.size() - 1).equals("..")) {
                    names.remove(names.size() - 1);
                } else if (!rooted) {
                    names.add(name);
                }
                continue;
            }
            names.add(name);
        }
        String joined = String.join("/", names);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }

    private static String regex(String pattern) {
        StringBuilder regex = new StringBuilder("^");
        int n = pattern.length();
        for (int i = 0; i < n; i++) {
            char c = pattern.charAt(i);
            if (c == '*' && i + 1 < n && pattern.charAt(i + 1) == '*') {
                i++;
                if (i + 1 < n && pattern.charAt(i + 1) == '/') {
                    i++; // "**/" is "**": the slash is part of it
                }
                regex.append(i + 1 >= n ? ".*" : "(.*/)?");
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else if (c == '\\') {
                if (i + 1 < n) {
                    regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
                } else {
                    regex.append("\\\\");
                }
            } else if (c == '[' || c == ']') {
                regex.append(c);
            } else if (c == '^' && i > 0 && pattern.charAt(i - 1) == '[') {
                regex.append(c); // a negated class, as in Go's [^a]
            } else if (".+()|{}$^".indexOf(c) >= 0) {
                regex.append('\\').append(c);
            } else {
                regex.append(c);
            }
        }
        return regex.append('$').toString();
    }
}
