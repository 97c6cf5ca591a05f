package dev.spotrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --copy, --artifact and --overwrite reach the run spec, and a dry run shows them; nothing is created. */
class FilesOptionsTest {

    @TempDir
    Path home;

    @Test
    void aDryRunShowsTheCopiesAndTheArtifacts() throws Exception {
        Path ws = Files.createDirectories(home.resolve("ws"));
        TestCli cli = new TestCli(home);

        int code = cli.run("run", "--dry-run", "--copy", ws + ":/work", "--artifact", "/work/out:" + home,
                "--artifact", "/report.xml", "--overwrite", "busybox");

        assertThat(code).as(cli.err()).isZero();
        assertThat(cli.out()).contains("  copy       " + ws + " into the container at /work, before it starts")
                .contains("  artifact   /work/out out to " + home + ", replacing files there")
                .contains("  artifact   /report.xml out to " + Path.of("").toAbsolutePath() + ", replacing");
        assertThat(cli.opened).isEmpty();
    }
}
