package dev.spotrun.cli.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.cli.config.Cloud;
import dev.spotrun.cli.config.CloudSettings;
import dev.spotrun.domain.ContainerSpec;
import dev.spotrun.domain.ImageRef;
import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.RunSpec;
import dev.spotrun.domain.port.Sleeper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --cloud local} pushes the job's image while the run launches its machine: the run learns the image's
 * name at once, and the registry's credentials for it, which the lifecycle takes before it pulls, come only once
 * the image is in the registry.
 */
class LocalCloudSessionIT {

    /** Busybox and 48 MiB of random bytes: its push takes longer than the registry's credentials. */
    private static final String IMAGE = "spotrun/campaign-big:latest";

    @TempDir
    Path cache;

    @Test
    void theImagesCredentialsComeOnceThePushedImageIsInTheRegistry() throws Exception {
        Process build = new ProcessBuilder("bash", "-c", "docker image inspect " + IMAGE + " >/dev/null 2>&1 || {"
                + " d=$(mktemp -d) && head -c 50331648 /dev/urandom > $d/blob && printf 'FROM spotrun/busybox:latest"
                + "\\nCOPY blob /blob\\n' > $d/Dockerfile && docker build -q -t " + IMAGE + " $d >/dev/null;"
                + " s=$?; rm -rf $d; exit $s; }").inheritIO().start();
        assertThat(build.waitFor()).as("building " + IMAGE).isZero();
        try (LocalCloudSession session = LocalCloudSession.start(new CloudSettings(Cloud.LOCAL, "", ""), cache)) {
            CloudPorts ports = session.ports(Clock.systemUTC(), Sleeper.system());
            RunSpec spec = session.prepare(RunSpec.of(ContainerSpec.of(IMAGE, "true"), MachineSpec.spot("m5.large")));
            ImageRef pushed = ImageRef.parse(spec.container().image());
            assertThat(pushed.registry()).as("the cloud's registry").startsWith("127.0.0.1:");

            assertThat(ports.registry().credentialsFor(pushed)).as("the cloud's ECR token").isPresent();
            HttpResponse<String> tags = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://" + pushed.registry() + "/v2/" + pushed.repository() + "/tags/list")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(tags.statusCode()).as(tags.body()).isEqualTo(200);
            assertThat(tags.body()).as("pushed by the time its credentials are given").contains("\"latest\"");
        }
    }

    @Test
    void anImageTheLocalEngineDoesNotHaveIsLeftAsItIs() throws Exception {
        try (LocalCloudSession session = LocalCloudSession.start(new CloudSettings(Cloud.LOCAL, "", ""), cache)) {
            RunSpec spec = RunSpec.of(ContainerSpec.of("registry.test/nowhere/img:1", "true"),
                    MachineSpec.spot("m5.large"));
            assertThat(session.prepare(spec)).isEqualTo(spec);
        }
    }
}
