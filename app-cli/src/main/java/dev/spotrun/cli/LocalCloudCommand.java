package dev.spotrun.cli;

import com.google.inject.Inject;
import dev.spotrun.cli.wiring.LocalCloudServer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;

/**
 * {@code spotrun local-cloud}: serves the local cloud in the foreground, prints the variables that point the
 * AWS SDK, the AWS CLI or {@code spotrun run} at it, and stops it (removing its machines) on Ctrl-C or SIGTERM.
 */
@Command(name = "local-cloud", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true,
        description = {"Serve the local cloud in the foreground: an EC2- and ECR-compatible endpoint whose instances "
                + "are Docker-in-Docker hosts on the local Docker engine.",
                "Prints 'export KEY=VALUE' lines for a shell on stdout; Ctrl-C stops it and removes its machines."},
        footerHeading = "%nExamples:%n",
        footer = {"  spotrun local-cloud > local-cloud.env &",
                "  . ./local-cloud.env",
                "  aws ec2 describe-instances        # any AWS SDK or the AWS CLI works against it",
                "  spotrun run -t t3.small busybox:local echo hi   # the same code path as AWS"})
final class LocalCloudCommand implements Callable<Integer> {

    private final Console console;
    private final LocalCloudServer server;
    private final Signals signals;

    @Inject
    LocalCloudCommand(Console console, LocalCloudServer server, Signals signals) {
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
             LocalCloudServer.Running cloud = server.start()) {
            cloud.environment().forEach((key, value) -> console.out().println("export " + key + "=" + quote(value)));
            console.out().flush();
            console.err().println("spotrun: the local cloud is serving; Ctrl-C stops it");
            stop.await();
            console.err().println("spotrun: stopping the local cloud and removing its machines");
        }
        return exitCode.get();
    }

    /** Single-quoted for POSIX shells, so that the output can be sourced as it is. */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
