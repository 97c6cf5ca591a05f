package dev.spotrun.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.spotrun.aws.AwsAdapters;
import dev.spotrun.aws.CallerAddress;
import dev.spotrun.cli.wiring.AwsTarget;
import dev.spotrun.cli.wiring.CloudConnector;
import dev.spotrun.cli.wiring.CloudPorts;
import dev.spotrun.cli.wiring.CloudSession;
import dev.spotrun.cli.wiring.Clouds;
import dev.spotrun.cli.wiring.LocalCloudServer;
import dev.spotrun.docker.DockerEngines;
import dev.spotrun.domain.Instance;
import dev.spotrun.domain.port.ComputePort;
import dev.spotrun.domain.port.ContainerEnginePort;
import dev.spotrun.domain.port.RegistryPort;
import dev.spotrun.domain.port.Sleeper;
import dev.spotrun.testkit.InMemoryCloud;
import dev.spotrun.testkit.VirtualClock;
import dev.spotrun.localcloud.LocalCloud;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every known way a non-domain exception arises (the caller-address lookup, the AWS SDK's client set-up,
 * Guice, an adapter's own exception, the Docker adapter, the files of the command line), each made where it
 * really arises and run through the whole command line: one line, the exit code, a suggestion that fits the
 * cause and names no unrelated flag, and never the last resort meant for true bugs.
 */
@Timeout(60)
class FailureLinesTest {

    /** The flags a suggestion may name; each row says which of them fit its cause. */
    private static final List<String> FLAGS = List.of("--allow-cidr", "--region", "--profile", "--ami", "--subnet",
            "--security-group", "--private-ip", "--iam-instance-profile", "--instance-type", "--config",
            "--env-file", "--events", "--boot-timeout");
    private static final String IMAGE = "registry.test/jobs/busybox:1.36";
    private static final String AMI = "ami-0123456789abcdef0";
    /** A class name as a stack trace or an exception's toString() shows it, e.g. java.lang.IllegalStateException. */
    private static final String QUALIFIED_CLASS = "\\b[a-z][a-z0-9]*(\\.[a-z][a-z0-9]*)+\\.[A-Z]\\w*";

    @TempDir
    Path home;

    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<String, String> savedProperties = new HashMap<>();
    /** The in-memory cloud's time, which the lifecycle must share; the real time elsewhere. */
    private VirtualClock virtual;
    private InMemoryCloud memory;

    @AfterEach
    void stop() throws Exception {
        if (memory != null) {
            assertThat(memory.compute().liveInstances()).as("no machine is left running").isEmpty();
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        savedProperties.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    /** One way to fail: how to set it up, the arguments, and what the user must see. */
    record Row(String name, Function<FailureLinesTest, CloudConnector> cloud, Function<FailureLinesTest, List<String>> args,
               int exitCode, String says, List<String> flags) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("check-ip answers 503", t -> t.localCloud(t.checkIp(503, "Service Unavailable", false)),
                        t -> run(), 125, "it answered HTTP 503", List.of("--allow-cidr")),
                new Row("check-ip answers an HTML page", t -> t.localCloud(t.checkIp(200, "<html><body>Sign in</body></html>",
                        false)), t -> run(), 125, "is not one IP address", List.of("--allow-cidr")),
                new Row("check-ip does not answer in time", t -> t.localCloud(t.checkIp(200, "203.0.113.7", true)),
                        t -> run(), 125, "did not answer within", List.of("--allow-cidr")),
                new Row("check-ip cannot be reached", t -> t.localCloud(CallerAddress.detected(closedPort(),
                        Duration.ofSeconds(10))), t -> run(), 125, "could not be reached", List.of("--allow-cidr")),
                new Row("EC2 refuses the credentials", t -> t.localCloud(null, cloud -> cloud.faults()
                        .failNext("RunInstances", 1, 401, "AuthFailure")), t -> run(), 125, "check the AWS credentials",
                        List.of("--profile")),
                new Row("EC2 knows no such image", t -> t.localCloud(null, cloud -> { }), t -> run("--ami", AMI), 125,
                        "(InvalidAMIID.NotFound); check --ami", List.of("--ami")),
                new Row("the SDK finds no region", t -> t.aws(null), t -> run("--allow-cidr", "203.0.113.0/24", "--ami", AMI),
                        125, "no region is set", List.of("--region")),
                new Row("the profile has no credentials", t -> t.aws(null), t -> run("--region", "us-east-1", "--profile",
                        "nope", "--allow-cidr", "203.0.113.0/24", "--ami", AMI), 125, "profile 'nope'", List.of("--profile")),
                new Row("AWS_ENDPOINT_URL is not a URL", t -> t.aws("localhost:4566"), t -> run("--region", "us-east-1"),
                        125, "fix AWS_ENDPOINT_URL", List.of()),
                new Row("Guice cannot build an adapter", FailureLinesTest::brokenProvider, t -> run(), 125,
                        "setting up the cloud's clients failed: the client pool is exhausted", List.of()),
                new Row("an adapter throws its own exception", t -> t.inMemory(launchThrows()), t -> run(), 125,
                        "the launch step of attempt 1 failed: the launch template cache is corrupt", List.of()),
                new Row("the Docker adapter cannot dial the address", t -> t.dockerAt("bad address"), t -> run(), 125,
                        "the connect step of attempt 1 failed", List.of()),
                new Row("the configuration file is a directory", t -> t.inMemory(null),
                        t -> List.of("--config", t.home.toString(), "run", "-q", IMAGE, "true"), 2,
                        "cannot read the configuration file", List.of("--config")),
                new Row("the env file is not UTF-8", t -> t.inMemory(null), t -> run("--env-file", t.latin1EnvFile()), 2,
                        "is not UTF-8 text", List.of("--env-file")),
                new Row("a path the file system refuses", t -> t.inMemory(null),
                        t -> List.of("--config", "spotrun\0.toml", "run", "-q", IMAGE, "true"), 2,
                        "'spotrun\\0.toml' is not a path this system accepts", List.of()),
                new Row("the events file cannot be written", t -> t.inMemory(null),
                        t -> run("--events", t.home.resolve("no/such/dir/events.jsonl").toString()), 2,
                        "cannot write the events file", List.of("--events")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eachKnownFailureIsOneLineThatSaysWhatToDo(Row row) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = cli(row.cloud().apply(this), err).execute(row.args().apply(this).toArray(String[]::new));

        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isEqualTo(row.exitCode());
        assertThat(text.lines()).as(text).singleElement().asString().startsWith("spotrun: ").contains(row.says())
                .doesNotContain("unexpected failure").doesNotContainPattern(QUALIFIED_CLASS);
        for (String flag : FLAGS) {
            if (row.flags().contains(flag)) {
                assertThat(text).as("the suggestion names " + flag).contains(flag);
            } else {
                assertThat(text).as("the suggestion must not point at " + flag).doesNotContain(flag + " ")
                        .doesNotContain(flag + ",").doesNotContain(flag + ")").doesNotContainPattern(flag + "$");
            }
        }
    }

    private static List<String> run(String... options) {
        List<String> args = new ArrayList<>(List.of("run", "-q"));
        args.addAll(List.of(options));
        args.addAll(List.of(IMAGE, "true"));
        return args;
    }

    private Cli cli(CloudConnector clouds, OutputStream err) {
        Console console = new Console(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, 100);
        LocalCloudServer none = faults -> {
            throw new AssertionError("no local cloud is served here");
        };
        return new Cli(new CliModule(console, new CallerEnvironment(Map.of(), "tester", home.toString()), clouds, none,
                new TestCli.FakeSignals(), virtual == null ? Clock.systemUTC() : virtual,
                virtual == null ? Sleeper.system() : virtual));
    }

    // --- where the failures come from -------------------------------------------------------------------------

    /** The real AWS adapters on the in-process local cloud, with the caller's address from {@code caller}. */
    private CloudConnector localCloud(CallerAddress caller) {
        return localCloud(caller, cloud -> { });
    }

    private CloudConnector localCloud(CallerAddress caller, java.util.function.Consumer<LocalCloud> faults) {
        LocalCloud cloud = started(LocalCloud.start());
        faults.accept(cloud);
        AwsAdapters.Builder settings = AwsTarget.local(cloud).adapters();
        if (caller != null) {
            settings.callerAddress(caller);
        }
        AwsAdapters aws = started(settings.build());
        // The real engines' port: its TLS material is what the boot script embeds.
        return session(binding(aws.compute(), aws.registry(), DockerEngines.create()));
    }

    /** spotrun's own AWS wiring, with the SDK's chains emptied (and an endpoint nobody listens on). */
    private CloudConnector aws(String endpoint) {
        for (String name : List.of("AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID", "AWS_WEB_IDENTITY_TOKEN_FILE",
                "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")) {
            assumeTrue(System.getenv(name) == null, name + " is set in this environment and would be used");
        }
        try {
            property("aws.configFile", Files.writeString(home.resolve("aws-config"), "").toString());
            property("aws.sharedCredentialsFile", Files.writeString(home.resolve("aws-credentials"), "").toString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        property("aws.disableEc2Metadata", "true");
        property("aws.region", null);
        property("aws.endpointUrl", endpoint == null ? closedPort().toString() : endpoint);
        return Clouds.connector(Map.of(), home.resolve("cache"));
    }

    private void property(String name, String value) {
        savedProperties.putIfAbsent(name, System.getProperty(name));
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }

    /** The in-memory cloud, its compute changed by {@code compute} when given. */
    private CloudConnector inMemory(Function<ComputePort, ComputePort> compute) {
        InMemoryCloud cloud = inMemoryCloud();
        cloud.engines().publishImage(IMAGE, "sh");
        ComputePort ports = compute == null ? cloud.compute() : compute.apply(cloud.compute());
        return session(binding(ports, cloud.registry(), cloud.engines()));
    }

    /** The real Docker adapter, asked to connect to machines at an address it cannot dial. */
    private CloudConnector dockerAt(String address) {
        InMemoryCloud cloud = inMemoryCloud();
        ComputePort compute = decorate(cloud.compute(), (method, result) ->
                method.equals("awaitRunning") ? ((Instance) result).withAddress(address) : result);
        return session(binding(compute, cloud.registry(), DockerEngines.create()));
    }

    private static CloudConnector brokenProvider(FailureLinesTest test) {
        test.inMemoryCloud();
        return settings -> new CloudSession() {
            @Override
            public CloudPorts ports(Clock clock, Sleeper sleeper) {
                throw new IllegalStateException("the client pool is exhausted");
            }

            @Override
            public void close() {
            }
        };
    }

    private InMemoryCloud inMemoryCloud() {
        InMemoryCloud cloud = new InMemoryCloud();
        virtual = cloud.clock();
        memory = cloud;
        return cloud;
    }

    /** An adapter that fails before it asks for a machine, as one whose own set-up is broken. */
    private static Function<ComputePort, ComputePort> launchThrows() {
        return compute -> (ComputePort) Proxy.newProxyInstance(ComputePort.class.getClassLoader(),
                new Class<?>[] {ComputePort.class}, (proxy, method, args) -> {
                    if (method.getName().equals("launch")) {
                        throw new IllegalStateException("the launch template cache is corrupt");
                    }
                    try {
                        return method.invoke(compute, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** {@code compute} with each answer passed through {@code change}. */
    private static ComputePort decorate(ComputePort compute, java.util.function.BiFunction<String, Object, Object> change) {
        return (ComputePort) Proxy.newProxyInstance(ComputePort.class.getClassLoader(), new Class<?>[] {ComputePort.class},
                (proxy, method, args) -> {
                    try {
                        return change.apply(method.getName(), method.invoke(compute, args));
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private CallerAddress checkIp(int status, String body, boolean slow) {
        CountDownLatch release = new CountDownLatch(1);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                try (exchange) {
                    if (slow) {
                        release.await(20, TimeUnit.SECONDS);
                    }
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(status, bytes.length);
                    exchange.getResponseBody().write(bytes);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.start();
            started.add(() -> {
                release.countDown();
                server.stop(0);
            });
            // Generous unless the slowness is the point: a cold JVM's first HTTP call takes a while on a busy machine.
            return CallerAddress.detected(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"),
                    slow ? Duration.ofMillis(500) : Duration.ofSeconds(10));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String latin1EnvFile() {
        try {
            return Files.write(home.resolve("ci.env"), "NAME=J\u00f6rg\n".getBytes(StandardCharsets.ISO_8859_1)).toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static URI closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private <T extends AutoCloseable> T started(T resource) {
        started.add(resource);
        return resource;
    }

    private static CloudPorts binding(ComputePort compute, RegistryPort registry, ContainerEnginePort engines) {
        return new CloudPorts(compute, registry, engines);
    }

    private CloudConnector session(CloudPorts ports) {
        return settings -> new CloudSession() {
            @Override
            public CloudPorts ports(Clock clock, Sleeper sleeper) {
                return ports;
            }

            @Override
            public void close() {
            }
        };
    }
}
