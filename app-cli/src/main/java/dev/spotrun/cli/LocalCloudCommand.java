package dev.spotrun.cli;

import com.google.inject.Inject;
import dev.spotrun.cli.wiring.LocalCloudServer;
import dev.spotrun.localcloud.FaultSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code spotrun local-cloud}: serves the local cloud in the foreground, with the faults its flags ask for,
 * prints the variables that point the AWS SDK, the AWS CLI, docker or {@code spotrun run} at it, and stops it
 * (removing its machines) on Ctrl-C or SIGTERM.
 */
@Command(name = "local-cloud", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true,
        description = {"Serve the local cloud in the foreground: an EC2-, SSM- and ECR-compatible endpoint whose "
                + "instances are Docker-in-Docker hosts on the local Docker engine, and a registry beside it.",
                "Prints 'export KEY=VALUE' lines for a shell on stdout; Ctrl-C stops it and removes its machines. "
                        + "At its start it removes what local clouds of killed processes left on the engine.",
                "Faults apply from the first request; more can be added, listed and cleared while it runs, over "
                        + "HTTP on its endpoint (GET $AWS_ENDPOINT_URL/_spotrun lists that API)."},
        footerHeading = "%nFault specs (--fault, and POST /_spotrun/faults with one spec per line):%n",
        footer = {FaultSpec.SYNTAX,
                "Control API on $AWS_ENDPOINT_URL (plain text; it answers only requests with",
                "Host 127.0.0.1:PORT or localhost:PORT and no Origin header):",
                "  GET|POST|DELETE /_spotrun/faults      list, add (one spec per line), clear",
                "  GET /_spotrun/requests                one line per AWS request:",
                "                                        AT SERVICE ACTION STATUS FAULT",
                "  POST /_spotrun/instances/ID/OP        OP: cut-engine, blackhole-engine,",
                "                                        restore-engine, reboot, interrupt",
                "",
                "Examples:",
                "  spotrun local-cloud --fault throttle-every:2 > local-cloud.env &",
                "  . ./local-cloud.env",
                "  docker tag busybox $SPOTRUN_LOCAL_REGISTRY/jobs/busybox:1",
                "  docker push $SPOTRUN_LOCAL_REGISTRY/jobs/busybox:1",
                "  spotrun run $SPOTRUN_LOCAL_REGISTRY/jobs/busybox:1 echo hi",
                "  curl -d drop-answer:RunInstances $AWS_ENDPOINT_URL/_spotrun/faults",
                "  aws ec2 describe-instances     # any AWS SDK or the AWS CLI works too"})
final class LocalCloudCommand implements Callable<Integer> {

    @Option(names = "--fault", paramLabel = "SPEC", converter = SpecConverter.class,
            description = "A fault, KIND:ARG... (see below); repeatable.")
    List<String> faults = new ArrayList<>();

    @Option(names = "--no-capacity", paramLabel = "TYPE[:spot|on-demand]", converter = NoCapacityConverter.class,
            description = "RunInstances of TYPE (in that market) answers InsufficientInstanceCapacity; repeatable.")
    List<String> noCapacity = new ArrayList<>();

    @Option(names = "--interrupt-spot-after", paramLabel = "D", converter = InterruptConverter.class,
            description = "Interrupt every spot instance D after it runs (e.g. 30s).")
    String interruptSpotAfter;

    @Option(names = "--slow-boot", paramLabel = "D", converter = SlowBootConverter.class,
            description = "Keep instances pending D longer than their machines need to boot.")
    String slowBoot;

    private Console console;
    private LocalCloudServer server;
    private Signals signals;

    /** Wired when the local cloud is about to be served (see {@link GuiceFactory}). */
    @Inject
    void wire(Console console, LocalCloudServer server, Signals signals) {
        this.console = console;
        this.server = server;
        this.signals = signals;
    }

    @Override
    public Integer call() throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        AtomicInteger exitCode = new AtomicInteger();
        try (Signals.Registration trap = signals.trap(signal -> {
                exitCode.compareAndSet(0, ExitCodes.ofSignal(signal));
                stop.countDown();
            });
             LocalCloudServer.Running cloud = server.start(specs())) {
            cloud.notes().forEach(note -> console.err().println("spotrun: " + note));
            cloud.environment().forEach((key, value) -> console.out().println("export " + key + "=" + quote(value)));
            console.out().flush();
            console.err().println("spotrun: the local cloud is serving; Ctrl-C stops it");
            stop.await();
            console.err().println("spotrun: stopping the local cloud and removing its machines");
        }
        return exitCode.get();
    }

    /** Every fault the flags ask for, as specs. */
    List<String> specs() {
        List<String> specs = new ArrayList<>(noCapacity);
        if (slowBoot != null) {
            specs.add(slowBoot);
        }
        if (interruptSpotAfter != null) {
            specs.add(interruptSpotAfter);
        }
        specs.addAll(faults);
        return specs;
    }

    /** Single-quoted for POSIX shells, so that the output can be sourced as it is. */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** A flag's value as a fault spec, checked as the cloud will read it. */
    private static String spec(String text) {
        try {
            return FaultSpec.parse(text).text();
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    static final class SpecConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return spec(value);
        }
    }

    static final class NoCapacityConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return spec("no-capacity:" + value);
        }
    }

    static final class InterruptConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return spec("interrupt-spot-after:" + value);
        }
    }

    static final class SlowBootConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return spec("slow-boot:" + value);
        }
    }
}
