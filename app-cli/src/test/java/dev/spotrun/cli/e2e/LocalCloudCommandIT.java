package dev.spotrun.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.cli.e2e.Spotrun.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spotrun local-cloud} as a separate process that another spotrun then uses through its variables. */
class LocalCloudCommandIT {

    private static final Pattern EXPORT = Pattern.compile("export (\\w+)='([^']*)'");

    @TempDir
    Path dir;

    @BeforeAll
    static void imagesAreBuilt() {
        LocalDocker.requireImages();
    }

    @Test
    void servesTheLocalCloudForOtherToolsUntilSigint() throws Exception {
        Spotrun.Running server = new Spotrun(dir).start("local-cloud");
        server.awaitOutput(now -> now.err().contains("serving"), Duration.ofMinutes(2));
        Result serving = server.awaitOutputAndSnapshot();
        Map<String, String> exported = new LinkedHashMap<>();
        Matcher export = EXPORT.matcher(serving.out());
        while (export.find()) {
            exported.put(export.group(1), export.group(2));
        }
        assertThat(exported).containsKeys("AWS_ENDPOINT_URL", "AWS_REGION", "AWS_ACCESS_KEY_ID",
                "AWS_SECRET_ACCESS_KEY");
        assertThat(exported.get("AWS_ENDPOINT_URL")).startsWith("http://127.0.0.1:");

        Result gc = new Spotrun(dir).env(exported).run(Duration.ofSeconds(90), "gc", "--dry-run");
        assertThat(gc.exitCode()).as(gc.toString()).isZero();
        assertThat(gc.err()).contains("0 expired machine(s)");

        server.signal("INT");
        Result stopped = server.await(Duration.ofMinutes(1));
        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(130);
        assertThat(stopped.err()).contains("stopping the local cloud");
    }
}
