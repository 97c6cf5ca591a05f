package dev.spotrun.domain.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.domain.Artifact;
import dev.spotrun.domain.ContainerSpec;
import dev.spotrun.domain.CopyIn;
import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.RunSpec;
import dev.spotrun.domain.failure.InvalidRunSpec.Problem;
import dev.spotrun.domain.failure.SpecField;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRulesTest {

    @TempDir
    Path temp;

    private static RunSpec spec() {
        return RunSpec.of(ContainerSpec.of("busybox"), MachineSpec.spot("t3.small"));
    }

    @Test
    void acceptsCopiesOfWhatExistsToAbsolutePaths() throws IOException {
        Path file = Files.writeString(temp.resolve("f"), "x");
        RunSpec spec = spec().withCopies(List.of(new CopyIn(temp, "/work"), new CopyIn(file, "/tmp/f")))
                .withArtifacts(List.of(new Artifact("/out", temp), new Artifact("/out/x", temp.resolve("new"))));

        assertThat(RunSpecValidator.problems(spec)).isEmpty();
    }

    @Test
    void refusesMissingSourcesAndRelativeOrEmptyPaths() throws IOException {
        Path file = Files.writeString(temp.resolve("f"), "x");
        RunSpec spec = spec().withCopies(List.of(new CopyIn(temp.resolve("missing"), "/work"),
                        new CopyIn(temp, "work"), new CopyIn(temp, ""), new CopyIn(file, "/")))
                .withArtifacts(List.of(new Artifact("out", temp), new Artifact("/x", file), new Artifact("/", temp)));

        List<Problem> problems = RunSpecValidator.problems(spec);

        assertThat(problems).extracting(Problem::field).containsOnly(SpecField.COPIES, SpecField.ARTIFACTS);
        assertThat(problems).extracting(Problem::reason).satisfiesExactly(
                r -> assertThat(r).startsWith("no such local file or directory"),
                r -> assertThat(r).contains("'work' is relative").contains("/work"),
                r -> assertThat(r).contains("destination is empty"),
                r -> assertThat(r).contains("cannot become the container's root"),
                r -> assertThat(r).contains("'out' is relative"),
                r -> assertThat(r).startsWith("not a directory"),
                r -> assertThat(r).contains("root directory cannot be copied out"));
    }

    @Test
    void refusesAnIgnoreFileWithAPatternThatIsNotOne() throws IOException {
        Path ws = Files.createDirectories(temp.resolve("ws"));
        Files.writeString(ws.resolve(".dockerignore"), "*.log\n[unclosed\n");

        assertThat(RunSpecValidator.problems(spec().withCopies(List.of(new CopyIn(ws, "/ws")))))
                .singleElement().satisfies(p -> assertThat(p.reason())
                        .isEqualTo("its .dockerignore cannot be used: line 2 ('[unclosed') is not a valid pattern"));
    }
}
