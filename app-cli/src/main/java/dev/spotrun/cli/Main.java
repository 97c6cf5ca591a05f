package dev.spotrun.cli;

import dev.spotrun.cli.wiring.Clouds;
import dev.spotrun.domain.port.Sleeper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** The {@code spotrun} command. */
public final class Main {

    private static final int DEFAULT_WIDTH = 80;

    private Main() {
    }

    public static void main(String[] args) {
        CallerEnvironment caller = CallerEnvironment.ofProcess();
        boolean dumb = "dumb".equals(caller.env().get("TERM"));
        Console console = new Console(System.out, System.err, stderrIsTerminal() && !dumb, width(caller));
        CliModule root = new CliModule(console, caller, Clouds.connector(caller.env(), caller.cacheDirectory()),
                Clouds.localServer(caller.cacheDirectory()),
                new SystemSignals(), Clock.systemUTC(), Sleeper.system());
        int code = new Cli(root).execute(args);
        System.out.flush();
        System.exit(code);
    }

    /**
     * Java cannot ask isatty(2); on Linux the descriptor's link names the terminal. Elsewhere a console
     * (stdin and stdout on a terminal) is the best guess.
     */
    static boolean stderrIsTerminal() {
        Path fd = Path.of("/proc/self/fd/2");
        try {
            if (Files.exists(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (java.io.IOException | UnsupportedOperationException e) {
            // Fall through to the console check.
        }
        return System.console() != null;
    }

    private static int width(CallerEnvironment caller) {
        try {
            return Integer.parseInt(caller.env().getOrDefault("COLUMNS", ""));
        } catch (NumberFormatException notSet) {
            return DEFAULT_WIDTH;
        }
    }
}
