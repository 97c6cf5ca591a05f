package dev.spotrun.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The control API over real HTTP, and the endpoint's refusal of requests not meant for it. */
class ControlApiTest {

    @RegisterExtension
    static final CloudPerClass LOCAL = new CloudPerClass();

    private static LocalCloud cloud;
    private static LocalCloudClient control;

    @BeforeAll
    static void start() {
        cloud = LOCAL.cloud();
        control = LocalCloudClient.of(cloud.endpoint());
    }

    /** Sends one HTTP/1.1 request as written, so that its Host and Origin are exactly these; returns the answer. */
    private static String raw(String method, String path, String host, String extraHeaders, String body)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", cloud.endpoint().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            out.write((method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + extraHeaders
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + bytes.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void faultsAreListedAsSpecsWithWhatIsLeftOfTheirCountsAndAddedAgainAsListed() {
        control.addFaults("# a comment, then a blank line", "", "throttle:RunInstances:3", "delay:ec2:250ms",
                "no-capacity:m5.large:spot", "late-answer:DescribeInstances:2s", "throttle-every:4",
                "fail:RunInstances:AuthFailure:2:401", "not-found-after-launch:1m30s");
        List<String> listed = control.faults();
        assertThat(listed).containsExactlyInAnyOrder("throttle:RunInstances:3", "delay:ec2:250ms",
                "no-capacity:m5.large:spot", "late-answer:DescribeInstances:2s:1", "throttle-every:4",
                "fail:RunInstances:AuthFailure:2:401", "not-found-after-launch:1m30s");

        control.clearFaults();
        assertThat(control.faults()).isEmpty();
        control.addFaults(listed);
        assertThat(control.faults()).isEqualTo(listed);
    }

    @Test
    void aBadSpecIsRefusedWithItsLineAndNothingIsAdded() {
        assertThatThrownBy(() -> control.addFaults("throttle:RunInstances", "throttle:RunInstances:0"))
                .isInstanceOfSatisfying(LocalCloudClient.Refused.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith("line 2: fault 'throttle:RunInstances:0'")
                            .contains("count").endsWith("nothing was added");
                });
        assertThat(control.faults()).isEmpty();
        assertThatThrownBy(() -> control.addFaults("explode:now")).hasMessageContaining("unknown kind 'explode'");
        assertThatThrownBy(() -> control.addFaults("")).hasMessageContaining("no fault spec");
    }

    @Test
    void theApiDescribesItselfAndRefusesWrongMethodsAndPaths() throws IOException {
        String own = "127.0.0.1:" + cloud.endpoint().getPort();
        assertThat(raw("GET", "/_spotrun", own, "", "")).startsWith("HTTP/1.1 200").contains("POST   /_spotrun/faults")
                .contains("throttle-every:N");
        assertThat(raw("PUT", "/_spotrun/faults", own, "", "")).startsWith("HTTP/1.1 405")
                .contains("Allow: GET, POST, DELETE");
        assertThat(raw("GET", "/_spotrun/instances/i-1/reboot", own, "", "")).startsWith("HTTP/1.1 405");
        assertThat(raw("POST", "/_spotrun/instances/i-1/explode", own, "", "")).startsWith("HTTP/1.1 404")
                .contains("no instance operation 'explode'");
        assertThat(raw("GET", "/_spotrun/nothing", own, "", "")).startsWith("HTTP/1.1 404");
    }

    @Test
    void theRequestsReceivedAreListedWithTheirStatusAndFault() {
        control.addFaults("throttle:DescribeSubnets");
        try (var ec2 = Clients.ec2(cloud)) {
            ec2.describeSubnets();
        }
        assertThat(control.requests()).extracting(r -> r.action() + " " + r.status() + " " + r.fault())
                .containsExactly("DescribeSubnets 503 throttle:DescribeSubnets:1", "DescribeSubnets 200 ");
    }

    @Test
    void onlyRequestsToItsOwnLoopbackNameWithoutAnOriginAreAnswered() throws IOException {
        int port = cloud.endpoint().getPort();
        String describe = "Action=DescribeSubnets&Version=2016-11-15";

        assertThat(raw("POST", "/", "127.0.0.1:" + port, "", describe)).startsWith("HTTP/1.1 200");
        assertThat(raw("POST", "/", "localhost:" + port, "", describe)).startsWith("HTTP/1.1 200");
        for (String host : List.of("evil.example:" + port, "127.0.0.1", "127.0.0.2:" + port, "")) {
            assertThat(raw("POST", "/", host, "", describe)).as(host).startsWith("HTTP/1.1 403")
                    .contains("answers only requests to http://127.0.0.1:" + port);
        }
        assertThat(raw("POST", "/", "127.0.0.1:" + port, "Origin: http://evil.example\r\n", describe))
                .startsWith("HTTP/1.1 403").contains("Origin header");
        assertThat(raw("POST", "/_spotrun/faults", "rebound.example:" + port, "", "throttle:ec2"))
                .startsWith("HTTP/1.1 403");
        assertThat(control.faults()).as("nothing reached the control API").isEmpty();
        assertThat(cloud.requests()).hasSize(2);
    }
}
