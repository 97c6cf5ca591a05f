package dev.spotrun.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotrun.domain.Artifact;
import dev.spotrun.domain.ArtifactReport;
import dev.spotrun.domain.CopyIn;
import dev.spotrun.domain.CopyTally;
import dev.spotrun.domain.failure.EngineRejected;
import dev.spotrun.domain.port.ContainerEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every engine must do with files: {@link ContainerEngine#copyIn} and {@link ContainerEngine#copyOut}. Run
 * by {@link ContainerEngineContract} for each engine it holds to its contract, on the engine it connected.
 */
public abstract class ContainerFilesContract {

    private final Supplier<ContainerEngine> engine;
    private final Supplier<String> image;
    private Path temp;
    private String id;

    protected ContainerFilesContract(Supplier<ContainerEngine> engine, Supplier<String> image) {
        this.engine = engine;
        this.image = image;
    }

    @BeforeEach
    void createContainer() throws IOException {
        temp = Files.createTempDirectory("spotrun-files-contract");
        id = engine.get().create(dev.spotrun.domain.ContainerSpec.of(image.get(), "sh", "-c", "exit 3"));
    }

    @AfterEach
    void removeContainer() throws IOException {
        engine.get().remove(id);
        try (var paths = Files.walk(temp)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private Path workspace() throws IOException {
        Path ws = Files.createDirectories(temp.resolve("ws"));
        Files.writeString(ws.resolve("a file.txt"), "spaces in the name\n");
        Files.createDirectories(ws.resolve("empty"));
        Files.createDirectories(ws.resolve("sub/deeper"));
        Files.writeString(ws.resolve("sub/deeper/data.txt"), "deep\n");
        Files.createSymbolicLink(ws.resolve("link"), Path.of("a file.txt"));
        Path script = Files.writeString(ws.resolve("run.sh"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        Files.writeString(ws.resolve("debug.log"), "left out\n");
        Files.writeString(ws.resolve(".dockerignore"), "*.log\n");
        return ws;
    }

    @Test
    void whatIsCopiedInComesBackOutWithModesLinksAndEmptyDirectories() throws IOException {
        List<CopyTally> progress = new CopyOnWriteArrayList<>();
        CopyTally in = engine.get().copyIn(id, new CopyIn(workspace(), "/ws"), progress::add);

        ArtifactReport out = engine.get().copyOut(id, new Artifact("/ws", temp.resolve("back")), false, t -> { });

        Path back = temp.resolve("back/ws");
        assertThat(in.files()).isEqualTo(9);
        assertThat(progress).isNotEmpty();
        assertThat(out.found()).isTrue();
        assertThat(out.refused()).isEmpty();
        assertThat(out.written().bytes()).isEqualTo(in.bytes());
        assertThat(back.resolve("a file.txt")).hasContent("spaces in the name");
        assertThat(back.resolve("sub/deeper/data.txt")).hasContent("deep");
        assertThat(back.resolve("empty")).isEmptyDirectory();
        assertThat(back.resolve("debug.log")).doesNotExist();
        assertThat(Files.readSymbolicLink(back.resolve("link"))).isEqualTo(Path.of("a file.txt"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(back.resolve("run.sh"))))
                .isEqualTo("rwxr-x---");
    }

    @Test
    void aFileCopiedInTakesTheDestinationsName() throws IOException {
        Path file = Files.writeString(temp.resolve("local.txt"), "one file\n");
        engine.get().copyIn(id, new CopyIn(file, "/etc/renamed.txt"), t -> { });

        engine.get().copyOut(id, new Artifact("/etc/renamed.txt", temp.resolve("out")), false, t -> { });

        assertThat(temp.resolve("out/renamed.txt")).hasContent("one file");
    }

    @Test
    void aCopyIntoADirectoryTheContainerLacksIsRefused() throws IOException {
        Path file = Files.writeString(temp.resolve("local.txt"), "x");
        assertThatThrownBy(() -> engine.get().copyIn(id, new CopyIn(file, "/no/such/dir/x.txt"), t -> { }))
                .isInstanceOf(EngineRejected.class);
    }

    @Test
    void aMissingPathIsReportedMissingAndWritesNothing() {
        ArtifactReport report = engine.get().copyOut(id, new Artifact("/no/such/path", temp.resolve("out")), false,
                t -> { });

        assertThat(report.found()).isFalse();
        assertThat(temp.resolve("out/path")).doesNotExist();
    }

    @Test
    void artifactsComeOutOfAnEndedContainerAndKeepFilesThatExist() throws IOException {
        Path file = Files.writeString(temp.resolve("report.xml"), "<ok/>");
        engine.get().copyIn(id, new CopyIn(file, "/etc/report.xml"), t -> { });
        engine.get().start(id);
        assertThat(engine.get().awaitExit(id, Duration.ofMinutes(1))).isEqualTo(3);
        Path out = Files.createDirectories(temp.resolve("out"));
        Files.writeString(out.resolve("report.xml"), "mine");

        ArtifactReport kept = engine.get().copyOut(id, new Artifact("/etc/report.xml", out), false, t -> { });
        assertThat(out.resolve("report.xml")).hasContent("mine");
        assertThat(kept.refused()).extracting(ArtifactReport.Refusal::entry).containsExactly("report.xml");

        ArtifactReport replaced = engine.get().copyOut(id, new Artifact("/etc/report.xml", out), true, t -> { });
        assertThat(out.resolve("report.xml")).hasContent("<ok/>");
        assertThat(replaced.refused()).isEmpty();
    }

}
