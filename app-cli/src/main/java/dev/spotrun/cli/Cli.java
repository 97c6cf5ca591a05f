package dev.spotrun.cli;

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
    private final GuiceFactory factory;

    Cli(CliModule root) {
        Console console = root.console();
        factory = new GuiceFactory(root);
        commandLine = new CommandLine(SpotrunCommand.class, factory);
        commandLine.getSubcommands().get("run").setStopAtPositional(true);
        commandLine.setOut(new java.io.PrintWriter(console.out(), true));
        commandLine.setErr(new java.io.PrintWriter(console.err(), true));
        commandLine.setParameterExceptionHandler(usageErrors(console.err()));
        commandLine.setExecutionExceptionHandler(failures(console.err()));
        commandLine.setExecutionStrategy(parsed -> {
            Integer help = CommandLine.executeHelpRequest(parsed);
            if (help != null) {
                return help;
            }
            wire(parsed);
            return new CommandLine.RunLast().execute(parsed);
        });
    }

    /** Parses without running anything; returns the parse with the chosen command wired. */
    CommandLine.ParseResult parse(String... args) {
        CommandLine.ParseResult parsed = commandLine.parseArgs(args);
        wire(parsed);
        return parsed;
    }

    private void wire(CommandLine.ParseResult parsed) {
        factory.wire(parsed.asCommandLineList().get(parsed.asCommandLineList().size() - 1)
                .getCommandSpec().userObject());
    }

    /** Parses and runs the arguments; returns the exit code. */
    int execute(String... args) {
        return commandLine.execute(args);
    }

    CommandLine commandLine() {
        return commandLine;
    }

    /** Whether the wiring was made: only for a command that needs more than the command line. */
    boolean wired() {
        return factory.started();
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
