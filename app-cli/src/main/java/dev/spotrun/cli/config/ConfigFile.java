package dev.spotrun.cli.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads a configuration file, a small subset of TOML:
 *
 * <pre>
 * # comments and blank lines are ignored
 * region = "eu-west-1"
 * instance-type = ["c6i.large", "c5.large"]
 * retries = 3
 * private-ip = false
 *
 * [tags]
 * team = "data"
 * </pre>
 *
 * Values are double-quoted strings (with {@code \"} and {@code \\} escapes), bare words, or one-line arrays of
 * strings. Unknown keys and sections are errors, so that a typo does not go unnoticed.
 */
public final class ConfigFile {

    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_.:/@+-]+");
    private static final Pattern BARE_VALUE = Pattern.compile("[A-Za-z0-9_.:/@+-]+");

    private final String source;
    private final Map<String, Config.Entry> values = new LinkedHashMap<>();
    private final Map<String, String> tags = new LinkedHashMap<>();
    private String section = "";
    private int line;

    private ConfigFile(String source) {
        this.source = source;
    }

    /**
     * Reads the file at {@code path}.
     *
     * @throws UsageError when it cannot be read or holds an error; the message names the line
     */
    public static Config load(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageError("cannot read the configuration file " + path + " (" + e.getMessage()
                    + "); fix it, or point --config or SPOTRUN_CONFIG elsewhere", e);
        }
        return parse(path.toString(), lines);
    }

    /** Parses the lines of a file called {@code source}. */
    public static Config parse(String source, List<String> lines) {
        ConfigFile file = new ConfigFile(source);
        for (String text : lines) {
            file.line++;
            file.read(stripComment(text).strip());
        }
        return new Config(source, file.values, file.tags);
    }

    private void read(String text) {
        if (text.isEmpty()) {
            return;
        }
        if (text.startsWith("[")) {
            readSection(text);
            return;
        }
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw error("expected key = value");
        }
        String key = key(text.substring(0, eq).strip());
        List<String> value = value(text.substring(eq + 1).strip());
        if (section.equals("tags")) {
            if (value.size() != 1) {
                throw error("a tag value must be one string");
            }
            tags.put(key, value.get(0));
        } else if (!Config.KEYS.contains(key)) {
            throw error("unknown key '" + key + "'; known keys: " + String.join(", ", new TreeSet<>(Config.KEYS)));
        } else {
            values.put(key, new Config.Entry(value, line));
        }
    }

    private void readSection(String text) {
        if (!text.endsWith("]")) {
            throw error("a section header must end with ']'");
        }
        String name = text.substring(1, text.length() - 1).strip();
        if (!name.equals("tags")) {
            throw error("unknown section [" + name + "]; the only section is [tags]");
        }
        section = name;
    }

    private String key(String text) {
        if (text.startsWith("\"")) {
            return quoted(text);
        }
        if (!BARE_KEY.matcher(text).matches()) {
            throw error("the key '" + text + "' must be letters, digits and -_.:/@+, or quoted");
        }
        return text;
    }

    private List<String> value(String text) {
        if (text.startsWith("[")) {
            if (!text.endsWith("]")) {
                throw error("an array must close on the same line with ']'");
            }
            return array(text.substring(1, text.length() - 1).strip());
        }
        return List.of(scalar(text));
    }

    private List<String> array(String inner) {
        List<String> items = new ArrayList<>();
        String rest = inner;
        while (!rest.isEmpty()) {
            int end = rest.startsWith("\"") ? closingQuote(rest) + 1 : indexOrEnd(rest, ',');
            items.add(scalar(rest.substring(0, end).strip()));
            rest = rest.substring(end).strip();
            if (rest.startsWith(",")) {
                rest = rest.substring(1).strip();
            } else if (!rest.isEmpty()) {
                throw error("array elements must be separated by commas");
            }
        }
        return items;
    }

    private String scalar(String text) {
        if (text.startsWith("\"")) {
            return quoted(text);
        }
        if (!BARE_VALUE.matcher(text).matches()) {
            throw error("the value '" + text + "' must be quoted");
        }
        return text;
    }

    private String quoted(String text) {
        int end = closingQuote(text);
        if (end != text.length() - 1) {
            throw error("unexpected text after the closing quote");
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                c = text.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private int closingQuote(String text) {
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        throw error("a string has no closing quote");
    }

    /** A '#' outside quotes starts a comment. */
    private static String stripComment(String text) {
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && inString) {
                i++;
            } else if (c == '"') {
                inString = !inString;
            } else if (c == '#' && !inString) {
                return text.substring(0, i);
            }
        }
        return text;
    }

    private static int indexOrEnd(String text, char c) {
        int i = text.indexOf(c);
        return i < 0 ? text.length() : i;
    }

    private UsageError error(String what) {
        return new UsageError("configuration file " + source + " line " + line + ": " + what);
    }
}
