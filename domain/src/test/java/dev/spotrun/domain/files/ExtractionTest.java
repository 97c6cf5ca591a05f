package dev.spotrun.domain.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.domain.ArtifactReport;
import dev.spotrun.domain.CopyTally;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractionTest {

    @TempDir
    Path temp;

    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writesDirectoriesFilesAndLinksWithTheirModes() throws IOException {
        Path out = temp.resolve("out");
        List<CopyTally> progress = new ArrayList<>();
        Extraction x = new Extraction(out, false, progress::add);

        x.directory("reports/", 0750);
        x.file("reports/run one.txt", 0640, text("hello"));
        x.symlink("reports/latest", "run one.txt");
        x.directory("reports/empty/", 0755);

        assertThat(out.resolve("reports/run one.txt")).hasContent("hello");
        assertThat(Files.readSymbolicLink(out.resolve("reports/latest"))).isEqualTo(Path.of("run one.txt"));
        assertThat(out.resolve("reports/empty")).isEmptyDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("reports/run one.txt"))))
                .isEqualTo("rw-r-----");
        assertThat(x.report()).isEqualTo(new ArtifactReport(true, new CopyTally(4, 5), List.of()));
        assertThat(progress).last().isEqualTo(new CopyTally(4, 5));
    }

    @Test
    void refusesNamesThatLeaveTheDirectory() throws IOException {
        Path out = Files.createDirectories(temp.resolve("deep/out"));
        Extraction x = new Extraction(out, false, t -> { });

        x.file("../escaped", 0644, text("x"));
        x.file("a/../../escaped2", 0644, text("x"));
        x.file("/etc/absolute", 0644, text("x"));
        x.symlink("..", "/");

        assertThat(temp.resolve("deep/escaped")).doesNotExist();
        assertThat(temp.resolve("escaped2")).doesNotExist();
        assertThat(out).isEmptyDirectory();
        assertThat(x.report().refused()).extracting(ArtifactReport.Refusal::entry)
                .containsExactly("../escaped", "a/../../escaped2", "/etc/absolute", "..");
        assertThat(x.report().written()).isEqualTo(CopyTally.NONE);
    }

    @Test
    void refusesWaysThroughLinksMadeByTheArchiveOrFoundThere() throws IOException {
        Path out = Files.createDirectories(temp.resolve("out"));
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Files.createSymbolicLink(out.resolve("found"), elsewhere);
        Extraction x = new Extraction(out, true, t -> { });

        x.symlink("made", elsewhere.toString());
        x.file("made/evil", 0644, text("x"));
        x.file("found/evil", 0644, text("x"));
        x.directory("made/sub/", 0755);

        assertThat(elsewhere).isEmptyDirectory();
        assertThat(x.report().refused()).extracting(ArtifactReport.Refusal::entry)
                .containsExactly("made/evil", "found/evil", "made/sub/");
        assertThat(x.report().refused().get(0).reason()).contains("link made");
    }

    @Test
    void keepsFilesThatExistUnlessToldToOverwrite() throws IOException {
        Path out = Files.createDirectories(temp.resolve("out"));
        Files.writeString(out.resolve("report.xml"), "mine");
        Extraction keep = new Extraction(out, false, t -> { });

        keep.file("report.xml", 0644, text("theirs"));
        keep.file("next.xml", 0644, text("next"));

        assertThat(out.resolve("report.xml")).hasContent("mine");
        assertThat(out.resolve("next.xml")).hasContent("next");
        assertThat(keep.report().refused()).singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("exists there already"));

        Extraction replace = new Extraction(out, true, t -> { });
        replace.file("report.xml", 0644, text("theirs"));
        assertThat(out.resolve("report.xml")).hasContent("theirs");
        assertThat(replace.report().refused()).isEmpty();
    }

    @Test
    void overwritingALinkReplacesTheLinkNeverItsTarget() throws IOException {
        Path out = Files.createDirectories(temp.resolve("out"));
        Path target = Files.writeString(temp.resolve("precious"), "precious");
        Files.createSymbolicLink(out.resolve("report.xml"), target);
        Extraction x = new Extraction(out, true, t -> { });

        x.file("report.xml", 0644, text("theirs"));

        assertThat(target).hasContent("precious");
        assertThat(Files.isSymbolicLink(out.resolve("report.xml"))).isFalse();
        assertThat(out.resolve("report.xml")).hasContent("theirs");
    }
}
