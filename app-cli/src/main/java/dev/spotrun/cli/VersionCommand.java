package dev.spotrun.cli;

import com.google.inject.Inject;
import picocli.CommandLine.Command;

/** {@code spotrun version}. */
@Command(name = "version", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Print spotrun's version and Java's.",
        footerHeading = "%nExample:%n", footer = "  spotrun version")
final class VersionCommand implements Runnable {

    private final Console console;

    @Inject
    VersionCommand(Console console) {
        this.console = console;
    }

    @Override
    public void run() {
        for (String line : new VersionProvider().getVersion()) {
            console.out().println(line);
        }
        console.out().flush();
    }
}
