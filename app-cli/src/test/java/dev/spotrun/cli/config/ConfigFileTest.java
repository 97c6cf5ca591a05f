package dev.spotrun.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    private static Config parse(String... lines) {
        return ConfigFile.parse("test.toml", List.of(lines));
    }

    @Test
    void readsStringsBareWordsArraysAndTags() {
        Config config = parse(
                "# defaults for CI",
                "region = \"eu-west-1\"   # Ireland",
                "instance-type = [\"c6i.large\", c5.large ,\"m5.large\"]",
                "retries = 3",
                "private-ip = false",
                "",
                "[tags]",
                "team = \"data # science\"",
                "\"cost center\" = \"4\\\"2\"");
        assertThat(config.value("region")).contains("eu-west-1");
        assertThat(config.list("instance-type")).containsExactly("c6i.large", "c5.large", "m5.large");
        assertThat(config.value("retries")).contains("3");
        assertThat(config.value("private-ip")).contains("false");
        assertThat(config.tags()).containsExactly(
                java.util.Map.entry("team", "data # science"), java.util.Map.entry("cost center", "4\"2"));
        assertThat(config.where("retries")).isEqualTo("test.toml line 4");
        assertThat(config.value("ami")).isEmpty();
    }

    @Test
    void anUnknownKeyIsAnErrorThatNamesTheLineAndTheKnownKeys() {
        assertThatThrownBy(() -> parse("region = x", "instance_type = t3.small"))
                .isInstanceOf(UsageError.class)
                .hasMessageContaining("test.toml line 2").hasMessageContaining("unknown key 'instance_type'")
                .hasMessageContaining("instance-type");
    }

    @Test
    void malformedLinesAreErrorsWithTheirLine() {
        assertThatThrownBy(() -> parse("region")).hasMessageContaining("line 1: expected key = value");
        assertThatThrownBy(() -> parse("region = \"eu")).hasMessageContaining("no closing quote");
        assertThatThrownBy(() -> parse("zone = [a, b")).hasMessageContaining("close on the same line");
        assertThatThrownBy(() -> parse("region = eu west")).hasMessageContaining("must be quoted");
        assertThatThrownBy(() -> parse("[aws]")).hasMessageContaining("unknown section [aws]");
        assertThatThrownBy(() -> parse("[tags]", "a = [x, y]")).hasMessageContaining("one string");
    }

    @Test
    void loadReadsAFileAndAMissingOneIsAUsageError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.toml");
        Files.writeString(file, "market = on-demand\n");
        assertThat(ConfigFile.load(file).value("market")).contains("on-demand");
        assertThatThrownBy(() -> ConfigFile.load(dir.resolve("absent.toml"))).isInstanceOf(UsageError.class)
                .hasMessageContaining("cannot read the configuration file").hasMessageContaining("--config");
    }

    @Test
    void theFileIsFoundByFlagThenEnvironmentThenTheStandardPlace(@TempDir Path dir) throws Exception {
        Path flag = Files.writeString(dir.resolve("flag.toml"), "region = from-flag\n");
        Path env = Files.writeString(dir.resolve("env.toml"), "region = from-env\n");
        Path standard = dir.resolve("home/.config/spotrun/config.toml");
        Files.createDirectories(standard.getParent());
        Files.writeString(standard, "region = from-home\n");
        String home = dir.resolve("home").toString();
        java.util.Map<String, String> withEnv = java.util.Map.of("SPOTRUN_CONFIG", env.toString());

        assertThat(ConfigLocation.load(flag.toString(), withEnv, home).value("region")).contains("from-flag");
        assertThat(ConfigLocation.load(null, withEnv, home).value("region")).contains("from-env");
        assertThat(ConfigLocation.load(null, java.util.Map.of(), home).value("region")).contains("from-home");
        assertThat(ConfigLocation.load(null, java.util.Map.of(), dir.resolve("nobody").toString()))
                .isEqualTo(Config.empty());
        assertThat(ConfigLocation.defaultPath(java.util.Map.of("XDG_CONFIG_HOME", "/xdg"), home))
                .isEqualTo(Path.of("/xdg/spotrun/config.toml"));
    }
}
