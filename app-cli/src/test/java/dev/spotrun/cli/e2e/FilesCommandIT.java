package dev.spotrun.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.cli.e2e.Spotrun.Result;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spotrun run --copy --artifact --cloud local} as a separate process: the workspace goes into a container
 * on a fake EC2 host over the real archive API, and the artifacts come back, whatever the exit code and after a
 * Ctrl-C.
 */
class FilesCommandIT {

    private static final String IMAGE = "spotrun/busybox:latest";
    private static final Duration LIMIT = Duration.ofMinutes(4);
    private static final Pattern INSTANCE = Pattern.compile("\"type\":\"InstanceLaunched\".*?\"id\":\"(i-[0-9a-f]+)\"");

    @TempDir
    Path dir;

    @BeforeAll
    static void imagesAreBuilt() {
        LocalDocker.requireImages();
    }

    private static String[] run(String... args) {
        List<String> all = new ArrayList<>(List.of("run", "--cloud", "local", "--events", "events.jsonl"));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    @Test
    void theWorkspaceGoesInAndArtifactsComeBackWhateverTheExitCode() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        Files.writeString(ws.resolve("a file.txt"), "in\n");
        byte[] big = new byte[20 * 1024 * 1024];
        new Random(7).nextBytes(big);
        Files.write(ws.resolve("big.bin"), big);
        Files.createSymbolicLink(ws.resolve("link"), Path.of("a file.txt"));
        Files.createDirectories(ws.resolve("empty"));
        Files.writeString(ws.resolve("secret.env"), "TOKEN=x\n");
        Files.writeString(ws.resolve(".dockerignore"), "*.env\n");

        Result result = new Spotrun(dir).run(LIMIT, run("--progress", "plain", "--copy", "ws:/ws",
                "--artifact", "/ws/results:got", "--artifact", "/no/such/path", IMAGE, "sh", "-c",
                "cd /ws && mkdir results && sha256sum big.bin > results/sums.txt && cp -a big.bin link empty"
                        + " results/ && test ! -e secret.env && echo ignored; exit 4"));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
        assertThat(result.out()).isEqualTo("ignored\n");
        Path got = dir.resolve("got/results");
        assertThat(got.resolve("sums.txt")).hasContent(sha256(ws.resolve("big.bin")) + "  big.bin");
        assertThat(sha256(got.resolve("big.bin"))).isEqualTo(sha256(ws.resolve("big.bin")));
        assertThat(Files.readSymbolicLink(got.resolve("link"))).isEqualTo(Path.of("a file.txt"));
        assertThat(got.resolve("empty")).isEmptyDirectory();
        assertThat(result.err()).contains("copied " + ws.toAbsolutePath() + " into the container at /ws")
                .contains("artifact /no/such/path: no such file or directory in the container")
                .contains("  artifacts 1 copy, 5 entries").contains("1 warning(s)");
        String events = Files.readString(dir.resolve("events.jsonl"), StandardCharsets.UTF_8);
        assertThat(events).contains("\"type\":\"FilesCopied\"").contains("\"type\":\"ArtifactWarning\"");
        nothingIsLeft(events);
    }

    @Test
    void aCtrlCStillBringsTheArtifactsBeforeTheMachineIsTerminated() throws Exception {
        Spotrun.Running running = new Spotrun(dir).start(run("--progress", "plain", "--artifact", "/report:out",
                IMAGE, "sh", "-c", "mkdir /report && echo partial > /report/junit.txt && echo started && sleep 600"));
        running.awaitOutput(now -> now.out().contains("started"), LIMIT);
        running.signal("INT");
        Result result = running.await(Duration.ofMinutes(2));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(130);
        assertThat(dir.resolve("out/report/junit.txt")).hasContent("partial");
        String events = Files.readString(dir.resolve("events.jsonl"), StandardCharsets.UTF_8);
        assertThat(events.indexOf("\"type\":\"FilesCopied\"")).isPositive()
                .isLessThan(events.indexOf("\"type\":\"InstanceTerminated\""));
        nothingIsLeft(events);
    }

    private static void nothingIsLeft(String events) {
        Matcher launched = INSTANCE.matcher(events);
        List<String> instances = new ArrayList<>();
        while (launched.find()) {
            instances.add(launched.group(1));
        }
        assertThat(instances).isNotEmpty();
        for (String instance : instances) {
            assertThat(LocalDocker.hostsOf(instance)).as("the fake host of " + instance).isEmpty();
        }
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            digest.update(in.readAllBytes());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
