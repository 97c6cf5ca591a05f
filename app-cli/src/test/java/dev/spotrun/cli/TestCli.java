package dev.spotrun.cli;

import dev.spotrun.cli.config.CloudSettings;
import dev.spotrun.cli.wiring.CloudConnector;
import dev.spotrun.cli.wiring.CloudPorts;
import dev.spotrun.cli.wiring.CloudSession;
import dev.spotrun.cli.wiring.LocalCloudServer;
import dev.spotrun.domain.port.ComputePort;
import dev.spotrun.domain.port.ContainerEnginePort;
import dev.spotrun.domain.port.RegistryPort;
import dev.spotrun.domain.port.Sleeper;
import dev.spotrun.testkit.InMemoryCloud;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine;

/**
 * The command line over the in-memory cloud: no process, no Docker, virtual time. Captures stdout and stderr
 * apart, records every cloud opened, and raises signals on request.
 */
final class TestCli {

    static final String IMAGE = "registry.test/jobs/busybox:1.36";

    final InMemoryCloud cloud = new InMemoryCloud();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final Map<String, String> env = new HashMap<>();
    final List<CloudSettings> opened = new ArrayList<>();
    /** The faults {@code spotrun local-cloud} started its cloud with. */
    final List<String> localCloudFaults = new ArrayList<>();
    final FakeSignals signals = new FakeSignals();
    private final Path home;
    private OutputStream stdoutTap = OutputStream.nullOutputStream();

    TestCli(Path home) {
        this.home = home;
        cloud.engines().publishImage(IMAGE, "sh");
    }

    /** Also sends the container's stdout to {@code tap}, e.g. to raise a signal once it printed something. */
    TestCli tapStdout(OutputStream tap) {
        this.stdoutTap = tap;
        return this;
    }

    int run(String... args) {
        return cli().execute(args);
    }

    Cli cli() {
        PrintStream stdout = new PrintStream(new Tee(out, stdoutTap), true, StandardCharsets.UTF_8);
        PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
        Console console = new Console(stdout, stderr, false, 100);
        CliModule module = new CliModule(console, new CallerEnvironment(env, "tester", home.toString()),
                connector(), localServer(), signals, cloud.clock(), cloud.clock());
        return new Cli(module);
    }

    /** Parses without running anything and returns the chosen command. */
    Object parse(String... args) {
        CommandLine.ParseResult parsed = cli().parse(args);
        return parsed.subcommand().commandSpec().userObject();
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private CloudConnector connector() {
        return settings -> {
            opened.add(settings);
            return new CloudSession() {
                @Override
                public CloudPorts ports(Clock clock, Sleeper sleeper) {
                    return new CloudPorts(cloud.compute(), cloud.registry(), cloud.engines());
                }

                @Override
                public void close() {
                }
            };
        };
    }

    private LocalCloudServer localServer() {
        return faults -> new LocalCloudServer.Running() {
            {
                localCloudFaults.addAll(faults);
            }

            @Override
            public Map<String, String> environment() {
                return Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1");
            }

            @Override
            public void close() {
            }
        };
    }

    /** Signals raised by the test instead of the operating system. */
    static final class FakeSignals implements Signals {
        private volatile Consumer<String> handler;
        private volatile boolean raised;

        @Override
        public Registration trap(Consumer<String> newHandler) {
            this.handler = newHandler;
            return () -> handler = null;
        }

        /** Raises {@code name} on a thread of its own, as the JVM's signal dispatcher does, and waits for it. */
        void raise(String name) {
            Consumer<String> current = handler;
            if (current == null) {
                throw new IllegalStateException("no handler for " + name);
            }
            raised = true;
            Thread dispatcher = new Thread(() -> current.accept(name), "SIG" + name);
            dispatcher.start();
            try {
                dispatcher.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        boolean trapped() {
            return handler != null;
        }

        /** Whether a signal was raised while trapped. */
        boolean raised() {
            return raised;
        }
    }

    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
