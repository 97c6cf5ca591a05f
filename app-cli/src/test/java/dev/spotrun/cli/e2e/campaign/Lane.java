package dev.spotrun.cli.e2e.campaign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * One lane of the campaign: a {@code spotrun local-cloud} process of its own, which its scenarios run against
 * one after the other (faults are the cloud's, so lanes that run at once must not share a cloud). It is driven
 * only through what it offers other processes: the variables it prints, its EC2 API and its control API.
 */
final class Lane implements AutoCloseable {

    static final String BUSYBOX = "spotrun/busybox:latest";
    /** A workload whose pull takes a moment: busybox with a layer of 48 MiB of random bytes. */
    static final String BIG = "spotrun/campaign-big:latest";
    private static final Pattern EXPORT = Pattern.compile("export (\\w+)='([^']*)'");

    private final String name;
    private final Path dir;
    private Process cloud;
    private Map<String, String> env = Map.of();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Lane(String name, Path dir) {
        this.name = name;
        this.dir = dir;
    }

    String name() {
        return name;
    }

    Path dir() {
        return dir;
    }

    /** Starts the lane's cloud (again, after a scenario killed it) and pushes the workloads to its registry. */
    void start() throws Exception {
        Files.createDirectories(dir);
        Path out = dir.resolve("local-cloud.out");
        Path err = dir.resolve("local-cloud.err");
        cloud = Processes.spotrun(dir, Map.of(), out, err, List.of("local-cloud"));
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!Files.readString(err, StandardCharsets.UTF_8).contains("serving")) {
            if (!cloud.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the local cloud of lane " + name + " did not start: "
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            Thread.sleep(50);
        }
        Map<String, String> exported = new LinkedHashMap<>();
        Matcher export = EXPORT.matcher(Files.readString(out, StandardCharsets.UTF_8));
        while (export.find()) {
            exported.put(export.group(1), export.group(2));
        }
        env = Map.copyOf(exported);
        push(BUSYBOX);
        push(BIG);
    }

    /** The variables the local cloud printed, through which every spotrun of the lane reaches it. */
    Map<String, String> env() {
        return env;
    }

    /** An image as the lane's machines pull it: the same name the local engine pushed it under. */
    String image(String local) {
        return env.get("SPOTRUN_LOCAL_REGISTRY") + "/campaign/" + local.substring(local.indexOf('/') + 1);
    }

    private void push(String local) {
        Processes.run("docker", "tag", local, image(local));
        try {
            Processes.run("docker", "push", image(local));
        } finally {
            Processes.run("docker", "rmi", image(local));
        }
    }

    /** Adds faults (one spec each) through the control API. */
    void faults(List<String> specs) throws IOException, InterruptedException {
        if (!specs.isEmpty()) {
            control("POST", "/_spotrun/faults", String.join("\n", specs));
        }
    }

    void clearFaults() throws IOException, InterruptedException {
        control("DELETE", "/_spotrun/faults", "");
    }

    /** cut-engine, blackhole-engine, restore-engine, reboot or interrupt, on one instance. */
    void instance(String instanceId, String operation) throws IOException, InterruptedException {
        control("POST", "/_spotrun/instances/" + instanceId + "/" + operation, "");
    }

    private String control(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(env.get("AWS_ENDPOINT_URL") + path))
                .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    boolean alive() {
        return cloud != null && cloud.isAlive();
    }

    /** Kills the cloud's process at once, as a crash would: it cleans nothing up. */
    void kill() throws InterruptedException {
        Processes.signalGroup(cloud, "KILL");
        cloud.waitFor();
    }

    /** What the cloud still holds of a run: its machines that are not gone, its security groups. */
    Leftovers leftovers(String runId) {
        if (runId.isEmpty()) {
            return new Leftovers(List.of(), List.of());
        }
        try (Ec2Client ec2 = ec2()) {
            Filter run = Filter.builder().name("tag:spotrun:run-id").values(runId).build();
            List<String> machines = ec2.describeInstancesPaginator(r -> r.filters(run)).reservations().stream()
                    .flatMap(r -> r.instances().stream())
                    .filter(i -> !List.of("terminated", "shutting-down").contains(i.state().nameAsString()))
                    .map(i -> i.instanceId() + " " + i.state().nameAsString()).toList();
            List<String> groups = ec2.describeSecurityGroups(r -> r.filters(run)).securityGroups().stream()
                    .map(g -> g.groupId()).toList();
            return new Leftovers(machines, groups);
        }
    }

    /**
     * What the next run does first, through spotrun's own EC2 adapter: deletes the groups that ended runs left
     * while their terminated machines still held them, where those machines have let go. Returns those runs.
     */
    List<String> releaseEnded() {
        try (dev.spotrun.aws.AwsAdapters aws = dev.spotrun.aws.AwsAdapters.builder()
                .endpoint(URI.create(env.get("AWS_ENDPOINT_URL"))).region(env.get("AWS_REGION"))
                .staticCredentials("campaign", "campaign").build()) {
            return aws.compute().releaseEnded();
        }
    }

    /** The state reason of an instance, e.g. {@code Client.InstanceInitiatedShutdown}, and its state. */
    String stateOf(String instanceId) {
        try (Ec2Client ec2 = ec2()) {
            return ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().stream()
                    .flatMap(r -> r.instances().stream()).findFirst()
                    .map(i -> i.state().nameAsString() + " " + (i.stateReason() == null ? "" : i.stateReason().code()))
                    .orElse("unknown");
        }
    }

    private Ec2Client ec2() {
        return Ec2Client.builder().endpointOverride(URI.create(env.get("AWS_ENDPOINT_URL")))
                .region(Region.of(env.get("AWS_REGION")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("campaign", "campaign")))
                .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofSeconds(30)).build())
                .build();
    }

    /** What a run left in the cloud. */
    record Leftovers(List<String> machines, List<String> groups) {
    }

    @Override
    public void close() throws Exception {
        if (cloud != null && cloud.isAlive()) {
            Processes.signalGroup(cloud, "INT");
            if (Processes.await(cloud, Duration.ofMinutes(2)) < 0) {
                throw new UncheckedIOException(new IOException("the local cloud of lane " + name + " did not stop"));
            }
        }
    }
}
