package dev.spotrun.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** The configured command line: parsing, help, and every failure turned into one line and an exit code. */
final class Cli {

    private final CommandLine commandLine;

    Cli(Module root) {
        Injector injector = Guice.createInjector(root);
        Console console = injector.getInstance(Console.class);
        commandLine = new CommandLine(SpotrunCommand.class, new GuiceFactory(injector));
        commandLine.getSubcommands().get("run").setStopAtPositional(true);
        commandLine.setOut(new java.io.PrintWriter(console.out(), true));
        commandLine.setErr(new java.io.PrintWriter(console.err(), true));
        commandLine.setParameterExceptionHandler(usageErrors(console.err()));
        commandLine.setExecutionExceptionHandler(failures(console.err()));
    }

    /** Parses and runs the arguments; returns the exit code. */
    int execute(String... args) {
        return commandLine.execute(args);
    }

    CommandLine commandLine() {
        return commandLine;
    }

    private static IParameterExceptionHandler usageErrors(PrintStream err) {
        return (ParameterException e, String[] args) -> {
            err.println("spotrun: " + e.getMessage() + suggestion(e) + "; see '"
                    + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
            err.flush();
            return ExitCodes.USAGE;
        };
    }

    private static String suggestion(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                return " (did you mean " + String.join(" or ", suggestions) + "?)";
            }
        }
        return "";
    }

    private static IExecutionExceptionHandler failures(PrintStream err) {
        return (Exception e, CommandLine command, CommandLine.ParseResult parsed) -> {
            SpotrunCommand root = (SpotrunCommand) command.getCommandSpec().root().userObject();
            return ExitCodes.report(e, root.debug, err);
        };
    }
}
