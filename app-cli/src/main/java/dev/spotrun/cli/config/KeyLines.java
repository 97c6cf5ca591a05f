package dev.spotrun.cli.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where each key of a TOML file stands, for messages that name the line: the parser has checked the file
 * already, so a key line is {@code KEY =} or {@code "KEY" =} at the start of a line, under its {@code [TABLE]},
 * and a table's own line is its header.
 */
final class KeyLines {

    private static final Pattern TABLE = Pattern.compile("\\s*\\[\\s*\"?([^\\]\"]+)\"?\\s*]\\s*(#.*)?");
    private static final Pattern KEY = Pattern.compile("\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'|([A-Za-z0-9_-]+))\\s*=.*");

    private final Map<String, Integer> lines = new HashMap<>();

    KeyLines(List<String> text) {
        String table = "";
        for (int i = 0; i < text.size(); i++) {
            Matcher t = TABLE.matcher(text.get(i));
            if (t.matches()) {
                lines.putIfAbsent(t.group(1).strip(), i + 1);
                table = t.group(1).strip() + ".";
                continue;
            }
            Matcher k = KEY.matcher(text.get(i));
            if (k.matches()) {
                String key = k.group(1) != null ? k.group(1) : k.group(2) != null ? k.group(2) : k.group(3);
                lines.putIfAbsent(table + key, i + 1);
            }
        }
    }

    /** The line of {@code key} ({@code tags.team} for a key of the {@code [tags]} table), or 0 when not found. */
    int of(String key) {
        return lines.getOrDefault(key, 0);
    }
}
