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
    void theLauncherArchivesTheClassesOfShortCommandsOnceAndNeverSpeaksOnStdout() throws Exception {
        Path cache = dir.resolve("cache");
        String first = launch(cache, "version");
        Path archives = cache.resolve("spotrun").resolve("cds");
        // The first run writes its archive as it exits, under a name of its own; the next gives it its name.
        String second = launch(cache, "version");
        launch(cache, "run", "--help");
        launch(cache, "--help");

        assertThat(second).isEqualTo(first).startsWith("spotrun ");
        try (var listed = java.nio.file.Files.list(archives)) {
            assertThat(listed.map(p -> p.getFileName().toString()).toList())
                    .anyMatch(name -> name.matches("version-[0-9-]+\\.jsa"))
                    .anyMatch(name -> name.startsWith("help-"))
                    .noneMatch(name -> name.startsWith("run-"));
        }
        try (var listed = java.nio.file.Files.list(archives)) {
            for (Path archive : listed.toList()) {
                archive.toFile().setWritable(true);
                java.nio.file.Files.writeString(archive, "not an archive");
            }
        }
        assertThat(launch(cache, "version")).as("a broken archive is passed over in silence").isEqualTo(first);
    }

    @Test
    void aJobStartsFromTheClassArchiveTheBuildTrained() throws Exception {
        Path archive = Path.of("target", "spotrun.jsa").toAbsolutePath();
        assertThat(archive).as("the build trains the job's class-data archive once the jar is made").isRegularFile();
        assertThat(java.nio.file.Files.size(archive)).isPositive();
        Path launcher = Path.of("..", "spotrun").toAbsolutePath().normalize();
        // A run refused as invalid usage loads the command line's classes and exits: the archive is mapped or not.
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "run", "--no-such-option", "img");
        builder.environment().put("SPOTRUN_JAVA_OPTS", "-Xlog:cds=info:stderr");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(err).isEqualTo(2);
        assertThat(out).isEmpty();
        assertThat(err).contains("Opened archive " + archive + ".").contains("Mapped static")
                .doesNotContain("classes.jsa").contains("no-such-option");

        builder.environment().put("SPOTRUN_CDS", "0");
        Process without = builder.start();
        String plain = new String(without.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(without.waitFor()).isEqualTo(2);
        assertThat(plain).as("SPOTRUN_CDS=0 turns it off").doesNotContain(archive.toString());
    }

    /** Runs the launcher with its cache in {@code cache}; returns its stdout, asserting exit 0 and no stderr. */
    private static String launch(Path cache, String... args) throws Exception {
        Path launcher = Path.of("..", "spotrun").toAbsolutePath().normalize();
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(launcher.toString()));
        command.addAll(java.util.List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("XDG_CACHE_HOME", cache.toString());
        Process process = builder.start();
        byte[] err = process.getErrorStream().readAllBytes();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", args)).isZero();
        assertThat(new String(err, java.nio.charset.StandardCharsets.UTF_8)).as("stderr").isEmpty();
        return out;
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
