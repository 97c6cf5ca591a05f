package dev.spotrun.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvVarsTest {

    private final Map<String, String> caller = Map.of("TOKEN", "s3cret", "HOME", "/home/me");

    @Test
    void flagsSetValuesAndABareKeyPassesOnTheCallersValueOrNothing() {
        Map<String, String> env = EnvVars.resolve(List.of(), List.of("MODE=ci", "TOKEN", "ABSENT", "EMPTY=",
                "EQ=a=b"), caller);
        assertThat(env).containsExactly(Map.entry("MODE", "ci"), Map.entry("TOKEN", "s3cret"),
                Map.entry("EMPTY", ""), Map.entry("EQ", "a=b"));
    }

    @Test
    void envFilesComeFirstInOrderAndFlagsWin(@TempDir Path dir) throws Exception {
        Path first = Files.writeString(dir.resolve("a.env"),
                "# a comment\n\nMODE=file\n  QUOTED=\"kept as is\"\nHOME\nSHARED=a\n");
        Path second = Files.writeString(dir.resolve("b.env"), "SHARED=b\n");
        Map<String, String> env = EnvVars.resolve(List.of(first.toString(), second.toString()),
                List.of("MODE=flag"), caller);
        assertThat(env).containsExactly(Map.entry("MODE", "flag"), Map.entry("QUOTED", "\"kept as is\""),
                Map.entry("HOME", "/home/me"), Map.entry("SHARED", "b"));
    }

    @Test
    void badEntriesAndMissingFilesAreUsageErrors(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> EnvVars.resolve(List.of(), List.of("=x"), caller)).isInstanceOf(UsageError.class)
                .hasMessageContaining("-e =x").hasMessageContaining("KEY=VALUE");
        Path bad = Files.writeString(dir.resolve("bad.env"), "OK=1\nNOT OK=2\n");
        assertThatThrownBy(() -> EnvVars.resolve(List.of(bad.toString()), List.of(), caller))
                .hasMessageContaining("bad.env line 2");
        assertThatThrownBy(() -> EnvVars.resolve(List.of(dir.resolve("none.env").toString()), List.of(), caller))
                .isInstanceOf(UsageError.class).hasMessageContaining("--env-file");
    }

    @Test
    void anEnvFileIsUtf8TextOfAtMostOneMebibyteWithoutNul(@TempDir Path dir) throws Exception {
        Path big = Files.write(dir.resolve("big.env"), ("A=" + "x".repeat(EnvVars.MAX_FILE_BYTES - 2) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> EnvVars.resolve(List.of(big.toString()), List.of(), caller))
                .isInstanceOf(UsageError.class).hasMessageContaining("larger than 1 MiB");
        Path latin1 = Files.write(dir.resolve("latin1.env"), "OK=1\nNAME=J\u00f6rg\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> EnvVars.resolve(List.of(latin1.toString()), List.of(), caller))
                .isInstanceOf(UsageError.class).hasMessageContaining("not UTF-8 text (byte 12")
                .hasMessageContaining("--env-file");
        Path nul = Files.writeString(dir.resolve("nul.env"), "OK=1\nSECRET=a\0b\n");
        assertThatThrownBy(() -> EnvVars.resolve(List.of(nul.toString()), List.of(), caller))
                .isInstanceOf(UsageError.class).hasMessageContaining("nul.env line 2 holds a NUL")
                .hasMessageNotContaining("a\0b");
    }

    @Test
    void anEnvFileOfExactlyOneMebibyteIsRead(@TempDir Path dir) throws Exception {
        Path limit = Files.write(dir.resolve("limit.env"), ("AB=" + "\u00e9".repeat((EnvVars.MAX_FILE_BYTES - 4) / 2)
                + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(Files.size(limit)).isEqualTo(EnvVars.MAX_FILE_BYTES);
        assertThat(EnvVars.resolve(List.of(limit.toString()), List.of(), caller).get("AB")).hasSize(524286);
    }
}
