package dev.spotrun.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    private static Config parse(String... lines) {
        return ConfigFile.parse("test.toml", List.of(lines));
    }

    @Test
    void readsTomlStringsNumbersBooleansArraysAndTags() {
        Config config = parse(
                "# defaults for CI",
                "region = \"eu-west-1\"   # Ireland",
                "instance-type = [\"c6i.large\", 'c5.large' ,\"m5.large\"]",
                "retries = 3",
                "private-ip = false",
                "max-price = 0.05",
                "",
                "[tags]",
                "team = \"data # science\"",
                "\"cost center\" = \"4\\\"2\"",
                "note = \"a\\nb\"");
        assertThat(config.value("region")).contains("eu-west-1");
        assertThat(config.list("instance-type")).containsExactly("c6i.large", "c5.large", "m5.large");
        assertThat(config.value("retries")).contains("3");
        assertThat(config.value("private-ip")).contains("false");
        assertThat(config.value("max-price")).contains("0.05");
        assertThat(config.tags()).containsExactly(Map.entry("team", "data # science"),
                Map.entry("cost center", "4\"2"), Map.entry("note", "a\nb"));
        assertThat(config.where("retries")).isEqualTo("test.toml line 4");
        assertThat(config.value("ami")).isEmpty();
    }

    @Test
    void aListMayBeOneString() {
        assertThat(parse("subnet = \"subnet-0a1b2c3d\"").list("subnet")).containsExactly("subnet-0a1b2c3d");
    }

    @Test
    void anUnknownKeyIsAnErrorThatNamesTheLineAndTheKnownKeys() {
        assertThatThrownBy(() -> parse("region = \"x\"", "", "instance_type = \"t3.small\""))
                .isInstanceOf(UsageError.class)
                .hasMessageContaining("test.toml line 3").hasMessageContaining("unknown key 'instance_type'")
                .hasMessageContaining("instance-type");
        assertThatThrownBy(() -> parse("[aws]", "region = \"x\"")).hasMessageContaining("unknown key 'aws'")
                .hasMessageContaining("line 1");
    }

    @Test
    void whatTomlRefusesIsRefusedWithItsLine() {
        assertThatThrownBy(() -> parse("region = \"x\"", "market = on-demand")).isInstanceOf(UsageError.class)
                .hasMessageContaining("test.toml line 2").hasMessageContaining("not valid TOML")
                .hasMessageContaining("strings are quoted");
        assertThatThrownBy(() -> parse("region")).hasMessageContaining("line 1").hasMessageContaining("not valid TOML");
        assertThatThrownBy(() -> parse("region = \"eu")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> parse("zone = [\"a\", \"b\"", "ami = \"x\"")).hasMessageContaining("not valid TOML");
        assertThatThrownBy(() -> parse("region = \"a\"", "region = \"b\"")).hasMessageContaining("line 2");
    }

    @Test
    void aValueOfTheWrongTypeNamesItsKeyAndLine() {
        assertThatThrownBy(() -> parse("region = \"x\"", "retries = \"many\"")).hasMessageContaining("line 2")
                .hasMessageContaining("retries: must be a whole number");
        assertThatThrownBy(() -> parse("private-ip = \"yes\"")).hasMessageContaining("line 1")
                .hasMessageContaining("true or false");
        assertThatThrownBy(() -> parse("[tags]", "a = [\"x\", \"y\"]")).hasMessageContaining("line 2");
    }

    @Test
    void theKnownKeysAreTheTypedRecordsMembers() {
        assertThat(Arrays.stream(FileSettings.class.getRecordComponents())
                .map(c -> c.getAccessor().getAnnotation(JsonProperty.class).value()).filter(k -> !k.equals("tags"))
                .collect(Collectors.toSet())).isEqualTo(Config.KEYS);
    }

    @Test
    void anEmptyFileSetsNothing() {
        assertThat(parse("# nothing", "").values()).isEmpty();
    }

    @Test
    void loadReadsAFileAndAMissingOneIsAUsageError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.toml");
        Files.writeString(file, "market = \"on-demand\"\n");
        assertThat(ConfigFile.load(file).value("market")).contains("on-demand");
        assertThatThrownBy(() -> ConfigFile.load(dir.resolve("absent.toml"))).isInstanceOf(UsageError.class)
                .hasMessageContaining("cannot read the configuration file").hasMessageContaining("--config");
    }

    @Test
    void theFileIsFoundByFlagThenEnvironmentThenTheStandardPlace(@TempDir Path dir) throws Exception {
        Path flag = Files.writeString(dir.resolve("flag.toml"), "region = \"from-flag\"\n");
        Path env = Files.writeString(dir.resolve("env.toml"), "region = \"from-env\"\n");
        Path standard = dir.resolve("home/.config/spotrun/config.toml");
        Files.createDirectories(standard.getParent());
        Files.writeString(standard, "region = \"from-home\"\n");
        String home = dir.resolve("home").toString();
        Map<String, String> withEnv = Map.of("SPOTRUN_CONFIG", env.toString());

        assertThat(ConfigLocation.load(flag.toString(), withEnv, home).value("region")).contains("from-flag");
        assertThat(ConfigLocation.load(null, withEnv, home).value("region")).contains("from-env");
        assertThat(ConfigLocation.load(null, Map.of(), home).value("region")).contains("from-home");
        assertThat(ConfigLocation.load(null, Map.of(), dir.resolve("nobody").toString()))
                .isEqualTo(Config.empty());
        assertThat(ConfigLocation.defaultPath(Map.of("XDG_CONFIG_HOME", "/xdg"), home))
                .isEqualTo(Path.of("/xdg/spotrun/config.toml"));
    }
}
