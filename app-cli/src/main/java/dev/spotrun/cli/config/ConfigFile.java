package dev.spotrun.cli.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a configuration file with a real TOML parser (Jackson's) into {@link FileSettings}:
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
 * Whatever TOML refuses is refused (bare words, unclosed strings, a key set twice), and an unknown key or table
 * is an error too, so that a typo does not go unnoticed; each error names its line.
 */
public final class ConfigFile {

    private static final TomlMapper TOML = TomlMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private ConfigFile() {
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
        KeyLines where = new KeyLines(lines);
        FileSettings settings;
        try {
            settings = TOML.readValue(String.join("\n", lines), FileSettings.class);
        } catch (UnrecognizedPropertyException e) {
            String key = path(e);
            throw error(source, where.of(key), key.startsWith("tags.") ? "a tag must be KEY = \"VALUE\""
                    : "unknown key '" + key + "'; known keys: " + String.join(", ", new TreeSet<>(Config.KEYS)));
        } catch (JsonMappingException e) {
            String key = path(e);
            throw error(source, where.of(key), key + ": " + typeOf(key));
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw error(source, line, "not valid TOML (" + e.getOriginalMessage() + "); strings are quoted, "
                    + "e.g. region = \"eu-west-1\"");
        }
        if (settings == null) {
            return new Config(source, Map.of(), Map.of());
        }
        Map<String, Config.Entry> values = new LinkedHashMap<>();
        settings.byKey().forEach((key, value) -> values.put(key, new Config.Entry(value, where.of(key))));
        return new Config(source, values, settings.tags() == null ? Map.of() : settings.tags());
    }

    /** The dotted path of the member a binding error is about, e.g. {@code retries} or {@code tags.team}. */
    private static String path(JsonMappingException e) {
        return e.getPath().stream().map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "")
                .filter(name -> !name.isEmpty()).reduce((a, b) -> a + "." + b).orElse("");
    }

    private static String typeOf(String key) {
        return switch (key) {
            case "retries" -> "must be a whole number, e.g. retries = 3";
            case "private-ip", "on-demand-retries" -> "must be true or false, unquoted";
            case "max-price" -> "must be a number, e.g. max-price = 0.05";
            case "instance-type", "subnet", "zone" -> "must be a string or an array of strings";
            default -> key.startsWith("tags") ? "[tags] holds KEY = \"VALUE\" strings" : "must be a quoted string";
        };
    }

    private static UsageError error(String source, int line, String what) {
        return new UsageError("configuration file " + source + (line > 0 ? " line " + line : "") + ": " + what);
    }
}
