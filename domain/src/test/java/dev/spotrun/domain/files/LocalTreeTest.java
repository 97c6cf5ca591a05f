package dev.spotrun.domain.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.domain.CopyIn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTreeTest {

    @TempDir
    Path temp;

    @Test
    void namesEntriesUnderTheDestinationAndHonoursTheIgnoreFile() throws IOException {
        Path ws = Files.createDirectories(temp.resolve("ws"));
        Files.writeString(ws.resolve(".dockerignore"), "*.log\nbuild\n!build/keep.txt\n");
        Files.writeString(ws.resolve("a b.txt"), "hi");
        Files.writeString(ws.resolve("debug.log"), "noise");
        Files.createDirectories(ws.resolve("build"));
        Files.writeString(ws.resolve("build/keep.txt"), "keep");
        Files.writeString(ws.resolve("build/out.bin"), "drop");
        Files.createDirectories(ws.resolve("empty"));
        Files.createSymbolicLink(ws.resolve("link"), Path.of("a b.txt"));
        Path script = Files.writeString(ws.resolve("run.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));

        List<LocalTree.Entry> entries = new ArrayList<>();
        LocalTree.walk(new CopyIn(ws, "/work/src/"), entries::add);

        assertThat(entries).extracting(LocalTree.Entry::name).containsExactlyInAnyOrder("src/", "src/.dockerignore",
                "src/a b.txt", "src/build/keep.txt", "src/empty/", "src/link", "src/run.sh");
        assertThat(entries.get(0).name()).isEqualTo("src/");
        assertThat(entries).filteredOn(e -> e.name().equals("src/link")).singleElement()
                .satisfies(e -> assertThat(e.target()).isEqualTo("a b.txt"))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(LocalTree.Kind.SYMLINK));
        assertThat(entries).filteredOn(e -> e.name().equals("src/run.sh")).singleElement()
                .satisfies(e -> assertThat(e.mode()).isEqualTo(0750));
    }

    @Test
    void aFileBecomesTheDestinationFileAndARootCopyHasNoTop() throws IOException {
        Path file = Files.writeString(temp.resolve("data.bin"), "12345");
        List<LocalTree.Entry> entries = new ArrayList<>();
        LocalTree.walk(new CopyIn(file, "/tmp/input.bin"), entries::add);
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("input.bin");
            assertThat(e.size()).isEqualTo(5);
        });

        Path dir = Files.createDirectories(temp.resolve("d"));
        Files.writeString(dir.resolve("x"), "x");
        List<String> names = new ArrayList<>();
        LocalTree.walk(new CopyIn(dir, "/"), e -> names.add(e.name()));
        assertThat(names).containsExactly("x");
    }
}
