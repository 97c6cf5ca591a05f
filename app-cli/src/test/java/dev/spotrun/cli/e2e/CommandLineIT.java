package dev.spotrun.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.cli.e2e.Spotrun.Result;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code version}, completion and help of the built command line, and its launcher script. */
class CommandLineIT {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void versionPrintsTheVersionAndExitsZero() {
        Result result = new Spotrun(dir).run(LIMIT, "version");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith("spotrun 0.").contains("Java 17");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void theLauncherAtTheRootRunsTheBuiltJar() throws Exception {
        Path launcher = Path.of("..", "spotrun").toAbsolutePath().normalize();
        Process process = new ProcessBuilder(launcher.toString(), "version").redirectErrorStream(false).start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).isZero();
        assertThat(out).startsWith("spotrun ");
    }

    @Test
    void completionIsAScriptForBashAndZsh() {
        Result result = new Spotrun(dir).run(LIMIT, "generate-completion");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("complete -F").contains("gc").contains("--dry-run");
    }

    @Test
    void helpOfEveryCommandHasExamples() {
        for (String command : new String[] {"run", "gc", "local-cloud", "version"}) {
            Result result = new Spotrun(dir).run(LIMIT, command, "--help");
            assertThat(result.exitCode()).as(command).isZero();
            assertThat(result.out()).as(command).contains("Usage: spotrun " + command).contains("Example");
        }
    }
}
