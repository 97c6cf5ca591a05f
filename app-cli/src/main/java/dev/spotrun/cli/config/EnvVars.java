package dev.spotrun.cli.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The container's environment, as {@code docker run} builds it: the {@code --env-file}s in order, then the
 * {@code -e} flags, later ones winning. {@code KEY=VALUE} sets a value; a bare {@code KEY} takes the caller's
 * value and is left out when the caller has none. Env files hold one such entry per line; blank lines and lines
 * starting with {@code #} are skipped, and values are taken literally (no quotes are removed).
 */
public final class EnvVars {

    private EnvVars() {
    }

    /**
     * Builds the environment.
     *
     * @throws UsageError when an env file cannot be read or an entry is malformed
     */
    public static Map<String, String> resolve(List<String> envFiles, List<String> flags, Map<String, String> caller) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String file : envFiles) {
            List<String> lines = read(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).stripLeading();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    add(env, line, caller, "env file " + file + " line " + (i + 1));
                }
            }
        }
        for (String flag : flags) {
            add(env, flag, caller, "-e " + flag);
        }
        return env;
    }

    private static void add(Map<String, String> env, String entry, Map<String, String> caller, String where) {
        int eq = entry.indexOf('=');
        String key = eq < 0 ? entry : entry.substring(0, eq);
        if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
            throw new UsageError(where + ": '" + key + "' is not a variable name; use KEY=VALUE or KEY");
        }
        if (eq >= 0) {
            env.put(key, entry.substring(eq + 1));
        } else if (caller.containsKey(key)) {
            env.put(key, caller.get(key));
        }
    }

    private static List<String> read(String file) {
        try {
            return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageError("cannot read the env file " + file + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); check the path given to --env-file", e);
        }
    }
}
