package dev.spotrun.cli.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds the configuration file: {@code --config FILE}, else {@code $SPOTRUN_CONFIG}, else
 * {@code $XDG_CONFIG_HOME/spotrun/config.toml} (by default {@code ~/.config/spotrun/config.toml}). A file named
 * explicitly must exist; the default one is optional.
 */
public final class ConfigLocation {

    public static final String ENV_VARIABLE = "SPOTRUN_CONFIG";

    private ConfigLocation() {
    }

    /**
     * Loads the configuration that applies.
     *
     * @param flag     the value of {@code --config}, or null
     * @param env      the caller's environment
     * @param userHome the caller's home directory
     */
    public static Config load(String flag, Map<String, String> env, String userHome) {
        if (flag != null && !flag.isBlank()) {
            return ConfigFile.load(Path.of(flag));
        }
        String fromEnv = env.getOrDefault(ENV_VARIABLE, "");
        if (!fromEnv.isBlank()) {
            return ConfigFile.load(Path.of(fromEnv));
        }
        Path standard = defaultPath(env, userHome);
        return Files.isRegularFile(standard) ? ConfigFile.load(standard) : Config.empty();
    }

    /** Where the file is looked for when none is named. */
    public static Path defaultPath(Map<String, String> env, String userHome) {
        String xdg = env.getOrDefault("XDG_CONFIG_HOME", "");
        Path base = xdg.isBlank() ? Path.of(userHome, ".config") : Path.of(xdg);
        return base.resolve("spotrun").resolve("config.toml");
    }
}
