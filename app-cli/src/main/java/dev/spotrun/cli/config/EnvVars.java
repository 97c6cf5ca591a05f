package dev.spotrun.cli.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The container's environment, as {@code docker run} builds it: the {@code --env-file}s in order, then the
 * {@code -e} flags, later ones winning. {@code KEY=VALUE} sets a value; a bare {@code KEY} takes the caller's
 * value and is left out when the caller has none. Env files hold one such entry per line; blank lines and lines
 * starting with {@code #} are skipped, and values are taken literally (no quotes are removed). An env file is UTF-8
 * text of at most {@link #MAX_FILE_BYTES} without NUL characters; the limits of the variables themselves are the
 * domain's (RunSpecValidator).
 */
public final class EnvVars {

    /** No file bigger than all the variables a container can take together (1 MiB) can be of use. */
    public static final int MAX_FILE_BYTES = 1024 * 1024;

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
        byte[] bytes;
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            // Read at most one byte more than allowed: a pipe (--env-file <(...)) has no size to ask for.
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (IOException | InvalidPathException e) {
            throw new UsageError("cannot read the env file " + file + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); check the path given to --env-file", e);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new UsageError("the env file " + file + " is larger than 1 MiB (" + MAX_FILE_BYTES + " bytes), more"
                    + " than a container's environment can hold; give --env-file a smaller file");
        }
        List<String> lines = decode(file, bytes).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).indexOf('\0') >= 0) {
                throw new UsageError("env file " + file + " line " + (i + 1) + " holds a NUL character, which no"
                        + " environment variable can carry; remove it from the file given to --env-file");
            }
        }
        return lines;
    }

    private static String decode(String file, byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in).toString();
        } catch (CharacterCodingException e) {
            // The decoder stops at the first byte it cannot read.
            throw new UsageError("the env file " + file + " is not UTF-8 text (byte " + (in.position() + 1)
                    + " is not); save the file given to --env-file as UTF-8", e);
        }
    }
}
