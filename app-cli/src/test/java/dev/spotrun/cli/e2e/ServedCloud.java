package dev.spotrun.cli.e2e;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** {@code spotrun local-cloud} run as its own process, and the variables it printed. */
final class ServedCloud implements AutoCloseable {

    /** The label of every container and volume a local cloud makes: its session. */
    static final String SESSION_LABEL = "dev.spotrun.local-cloud.session";
    private static final Pattern EXPORT = Pattern.compile("export (\\w+)='([^']*)'");

    final Spotrun.Running process;
    final Map<String, String> exported = new LinkedHashMap<>();

    private ServedCloud(Spotrun.Running process) {
        this.process = process;
    }

    /** Starts it with these extra arguments and waits until it serves. */
    static ServedCloud start(Path dir, String... args) throws InterruptedException {
        String[] all = new String[args.length + 1];
        all[0] = "local-cloud";
        System.arraycopy(args, 0, all, 1, args.length);
        ServedCloud cloud = new ServedCloud(new Spotrun(dir).start(all));
        cloud.process.awaitOutput(now -> now.err().contains("serving"), Duration.ofMinutes(2));
        Matcher export = EXPORT.matcher(cloud.process.awaitOutputAndSnapshot().out());
        while (export.find()) {
            cloud.exported.put(export.group(1), export.group(2));
        }
        return cloud;
    }

    URI endpoint() {
        return URI.create(exported.get("AWS_ENDPOINT_URL"));
    }

    String registry() {
        return exported.get("SPOTRUN_LOCAL_REGISTRY");
    }

    /** Pushes a local image to the printed registry as e2e/busybox with a fresh tag; returns the name machines pull. */
    String push(String localImage) {
        String image = registry() + "/e2e/busybox:" + java.util.UUID.randomUUID().toString().substring(0, 8);
        LocalDocker.lines("docker", "tag", localImage, image);
        try {
            LocalDocker.lines("docker", "push", image);
        } finally {
            LocalDocker.lines("docker", "rmi", image);
        }
        return image;
    }

    /** An unmodified SDK client through the printed variables. */
    Ec2Client ec2() {
        return Ec2Client.builder().endpointOverride(endpoint()).region(Region.of(exported.get("AWS_REGION")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        exported.get("AWS_ACCESS_KEY_ID"), exported.get("AWS_SECRET_ACCESS_KEY")))).build();
    }

    /** The containers, running or not, that this process's session made. */
    List<String> containers() {
        return containersOfPid(process.pid());
    }

    static List<String> containersOfPid(long pid) {
        return LocalDocker.lines("docker", "ps", "-a", "--filter", "label=" + SESSION_LABEL, "--format",
                "{{.ID}} {{.Label \"" + SESSION_LABEL + "\"}}").stream()
                .filter(line -> line.contains(" pid=" + pid + ",")).map(line -> line.split(" ")[0]).toList();
    }

    static List<String> volumesOfPid(long pid) {
        return LocalDocker.lines("docker", "volume", "ls", "--filter", "label=" + SESSION_LABEL, "--format",
                "{{.Name}} {{.Label \"" + SESSION_LABEL + "\"}}").stream()
                .filter(line -> line.contains(" pid=" + pid + ",")).map(line -> line.split(" ")[0]).toList();
    }

    /** Stops it with SIGINT, as Ctrl-C does. */
    Spotrun.Result stop() throws Exception {
        process.signal("INT");
        return process.await(Duration.ofMinutes(1));
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            stop();
        }
    }
}
