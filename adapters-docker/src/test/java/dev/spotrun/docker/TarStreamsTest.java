package dev.spotrun.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.domain.ArtifactReport;
import dev.spotrun.domain.CopyIn;
import dev.spotrun.domain.CopyTally;
import dev.spotrun.domain.files.Extraction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarStreamsTest {

    @TempDir
    Path temp;

    @Test
    void aTreeWrittenAndReadBackIsTheSame() throws IOException {
        Path ws = Files.createDirectories(temp.resolve("ws"));
        Files.writeString(ws.resolve("a b.txt"), "spaces");
        Files.createDirectories(ws.resolve("empty"));
        Files.createSymbolicLink(ws.resolve("link"), Path.of("a b.txt"));
        String longName = "n".repeat(120) + "/" + "m".repeat(120) + ".txt";
        Files.createDirectories(ws.resolve(longName).getParent());
        Files.writeString(ws.resolve(longName), "long");
        Path exe = Files.writeString(ws.resolve("run.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-x--x"));
        ByteArrayOutputStream tar = new ByteArrayOutputStream();

        CopyTally written = TarStreams.write(new CopyIn(ws, "/work/ws"), tar, t -> { });
        ArtifactReport read = TarStreams.read(new ByteArrayInputStream(tar.toByteArray()),
                new Extraction(temp.resolve("out"), false, t -> { }));

        Path out = temp.resolve("out/ws");
        assertThat(read.written()).isEqualTo(written);
        assertThat(read.refused()).isEmpty();
        assertThat(out.resolve("a b.txt")).hasContent("spaces");
        assertThat(out.resolve(longName)).hasContent("long");
        assertThat(out.resolve("empty")).isEmptyDirectory();
        assertThat(Files.readSymbolicLink(out.resolve("link"))).isEqualTo(Path.of("a b.txt"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("run.sh"))))
                .isEqualTo("rwxr-x--x");
    }

    @Test
    void aMaliciousArchiveWritesNothingOutsideItsDirectory() throws IOException {
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            file(tar, "../x", "dot-dot");
            file(tar, "/etc/absolute", "absolute");
            file(tar, "ok/../../y", "dot-dot inside");
            TarArchiveEntry link = new TarArchiveEntry("link", TarConstants.LF_SYMLINK, true);
            link.setLinkName(elsewhere.toString());
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
            file(tar, "link/evil", "through the link");
            TarArchiveEntry hard = new TarArchiveEntry("hard", TarConstants.LF_LINK, true);
            hard.setLinkName("/etc/passwd");
            tar.putArchiveEntry(hard);
            tar.closeArchiveEntry();
            file(tar, "fine.txt", "fine");
        }
        Path out = Files.createDirectories(temp.resolve("deep/out"));

        ArtifactReport report = TarStreams.read(new ByteArrayInputStream(bytes.toByteArray()),
                new Extraction(out, true, t -> { }));

        assertThat(report.refused()).extracting(ArtifactReport.Refusal::entry)
                .containsExactly("../x", "/etc/absolute", "ok/../../y", "link/evil", "hard");
        assertThat(temp.resolve("deep/x")).doesNotExist();
        assertThat(temp.resolve("y")).doesNotExist();
        assertThat(elsewhere).isEmptyDirectory();
        assertThat(out.resolve("fine.txt")).hasContent("fine");
        assertThat(Files.isSymbolicLink(out.resolve("link"))).isTrue();
    }

    private static void file(TarArchiveOutputStream tar, String name, String content) throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
        entry.setSize(data.length);
        entry.setMode(0100644);
        tar.putArchiveEntry(entry);
        tar.write(data);
        tar.closeArchiveEntry();
    }
}
