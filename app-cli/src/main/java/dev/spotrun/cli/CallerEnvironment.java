package dev.spotrun.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What spotrun reads from the process that called it. Only the command line reads the environment; the
 * lifecycle and the adapters get settings instead (the AWS SDK reads its own documented variables).
 *
 * @param env      the environment variables
 * @param userName the user's name, the default owner tagged on machines
 * @param userHome the user's home directory, where the configuration file is looked for
 */
public record CallerEnvironment(Map<String, String> env, String userName, String userHome) {

    public CallerEnvironment {
        env = Map.copyOf(env);
        userName = Objects.requireNonNullElse(userName, "");
        userHome = Objects.requireNonNullElse(userHome, "");
    }

    /**
     * Where spotrun keeps what it learnt of this machine, such as whether the local engine refuses privileged
     * containers: {@code $XDG_CACHE_HOME/spotrun} when that is an absolute path, else {@code ~/.cache/spotrun}.
     */
    public Path cacheDirectory() {
        String xdg = env.getOrDefault("XDG_CACHE_HOME", "");
        Path base = !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(userHome, ".cache");
        return base.resolve("spotrun");
    }

    /** This process's environment. */
    public static CallerEnvironment ofProcess() {
        return new CallerEnvironment(System.getenv(), System.getProperty("user.name"), System.getProperty("user.home"));
    }
}
