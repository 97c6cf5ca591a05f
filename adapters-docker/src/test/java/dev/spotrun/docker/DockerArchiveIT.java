package dev.spotrun.docker;

import dev.spotrun.localcloud.FakeEc2Host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.domain.Artifact;
import dev.spotrun.domain.ArtifactReport;
import dev.spotrun.domain.ContainerSpec;
import dev.spotrun.domain.CopyIn;
import dev.spotrun.domain.CopyTally;
import dev.spotrun.domain.LogStream;
import dev.spotrun.domain.port.ContainerEngine;
import dev.spotrun.domain.port.ContainerEnginePort;
import dev.spotrun.domain.port.EngineTrust;
import dev.spotrun.domain.failure.EngineUnreachable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive API of a real engine on a fake EC2 host over mutual TLS: a workspace with a name with spaces, a
 * link, an empty directory, a 20 MB binary and a {@code .dockerignore} goes in and comes back the same, checked
 * by SHA-256 inside the container and outside; an artifact that leads through a link it made is refused.
 */
class DockerArchiveIT {

    private static final ContainerEnginePort ENGINES = DockerEngines.create();
    private static final Duration LONG = Duration.ofMinutes(2);
    private static EngineHosts hosts;
    private static FakeEc2Host host;
    private static ContainerEngine engine;

    @TempDir
    Path temp;

    @BeforeAll
    static void bootHost() throws InterruptedException {
        hosts = new EngineHosts().withRegistry();
        EngineTrust trust = ENGINES.newTrust("archive-it", Duration.ofHours(1));
        host = hosts.boot(trust);
        engine = ENGINES.connect(host.address(), trust);
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            try {
                engine.ping();
                break;
            } catch (EngineUnreachable e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
        engine.pull(hosts.workload(), hosts.registry().credentials(), LONG, p -> { });
    }

    @AfterAll
    static void stopHost() {
        if (engine != null) {
            engine.close();
        }
        if (hosts != null) {
            if (host != null) {
                hosts.stop(host);
            }
            hosts.close();
            hosts.assertNothingLeft();
        }
    }

    private record Ran(int exitCode, String stdout) {
    }

    /** Creates a container of the script, puts the copies in, runs it to its end; artifacts may follow. */
    private Ran run(String script, List<CopyIn> copies, List<Artifact> artifacts, List<ArtifactReport> reports) {
        String id = engine.create(ContainerSpec.of(hosts.workload().canonical(), "sh", "-c", script));
        try {
            copies.forEach(copy -> engine.copyIn(id, copy, t -> { }));
            engine.start(id);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            engine.streamLogs(id, (stream, chunk) -> {
                if (stream == LogStream.STDOUT) {
                    out.writeBytes(chunk);
                }
            });
            int code = engine.awaitExit(id, LONG);
            artifacts.forEach(a -> reports.add(engine.copyOut(id, a, false, t -> { })));
            return new Ran(code, out.toString(StandardCharsets.UTF_8));
        } finally {
            engine.remove(id);
        }
    }

    @Test
    void aWorkspaceGoesInAndComesBackTheSameByChecksum() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("ws"));
        Files.writeString(ws.resolve("a file with spaces.txt"), "hello\n");
        Files.createSymbolicLink(ws.resolve("link"), Path.of("a file with spaces.txt"));
        Files.createDirectories(ws.resolve("empty dir"));
        byte[] big = new byte[20 * 1024 * 1024];
        new Random(11).nextBytes(big);
        Files.write(ws.resolve("big.bin"), big);
        Files.writeString(ws.resolve("skip.log"), "left out\n");
        Files.writeString(ws.resolve(".dockerignore"), "*.log\n");
        String sums = sha256(ws.resolve("big.bin")) + "  big.bin\n" + sha256(ws.resolve("a file with spaces.txt"))
                + "  a file with spaces.txt\n";
        List<ArtifactReport> reports = new java.util.ArrayList<>();

        Ran ran = run("cd /ws && sha256sum big.bin 'a file with spaces.txt' && readlink link && test -d 'empty dir'"
                        + " && test ! -e skip.log && echo ignored && exit 5",
                List.of(new CopyIn(ws, "/ws")), List.of(new Artifact("/ws", temp.resolve("back"))), reports);

        assertThat(ran.exitCode()).isEqualTo(5);
        assertThat(ran.stdout()).isEqualTo(sums + "a file with spaces.txt\nignored\n");
        Path back = temp.resolve("back/ws");
        assertThat(sha256(back.resolve("big.bin"))).isEqualTo(sha256(ws.resolve("big.bin")));
        assertThat(back.resolve("a file with spaces.txt")).hasContent("hello");
        assertThat(Files.readSymbolicLink(back.resolve("link"))).isEqualTo(Path.of("a file with spaces.txt"));
        assertThat(back.resolve("empty dir")).isEmptyDirectory();
        assertThat(back.resolve("skip.log")).doesNotExist();
        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(r.refused()).isEmpty();
            assertThat(r.written()).isEqualTo(new CopyTally(6, big.length + 6 + 6));
        });
    }

    @Test
    void anArtifactThatLeadsThroughALinkItMadeIsRefused() throws Exception {
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Path out = Files.createDirectories(temp.resolve("out"));
        List<ArtifactReport> reports = new java.util.ArrayList<>();

        run("mkdir -p /a /b/link && ln -s " + elsewhere + " /a/link && echo evil > /b/link/evil", List.of(),
                List.of(new Artifact("/a/link", out), new Artifact("/b/link", out)), reports);

        assertThat(Files.readSymbolicLink(out.resolve("link"))).isEqualTo(elsewhere);
        assertThat(elsewhere).isEmptyDirectory();
        assertThat(reports.get(1).refused()).extracting(ArtifactReport.Refusal::entry)
                .containsExactly("link/", "link/evil");
    }

    @Test
    void aMissingPathIsMissingAndAMissingDirectoryIsRefused() throws IOException {
        Path file = Files.writeString(temp.resolve("x"), "x");
        List<ArtifactReport> reports = new java.util.ArrayList<>();
        String id = engine.create(ContainerSpec.of(hosts.workload().canonical(), "true"));
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.copyIn(id, new CopyIn(file, "/nope/x"),
                    t -> { })).isInstanceOf(dev.spotrun.domain.failure.EngineRejected.class).hasMessageContaining("404");
            reports.add(engine.copyOut(id, new Artifact("/nope", temp.resolve("o")), false, t -> { }));
        } finally {
            engine.remove(id);
        }
        assertThat(reports).singleElement().satisfies(r -> assertThat(r.found()).isFalse());
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
