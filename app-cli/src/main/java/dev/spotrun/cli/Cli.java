package dev.spotrun.cli;

import java.io.PrintStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** The configured command line: parsing, help, and every failure turned into one line and an exit code. */
final class Cli {

    /** The commands under {@code spotrun}, in the order its help lists them. */
    private static final Map<String, Class<?>> COMMANDS = commands();
    /** Options of {@code spotrun} itself that take a value in the next argument. */
    private static final Set<String> ROOT_OPTIONS_WITH_VALUE = Set.of("--config");

    private final Console console;
    private final GuiceFactory factory;
    private CommandLine commandLine;

    Cli(CliModule root) {
        console = root.console();
        factory = new GuiceFactory(root);
    }

    /** Parses without running anything; returns the parse with the chosen command wired. */
    CommandLine.ParseResult parse(String... args) {
        CommandLine.ParseResult parsed = commandLine(args).parseArgs(args);
        wire(parsed);
        return parsed;
    }

    private void wire(CommandLine.ParseResult parsed) {
        factory.wire(parsed.asCommandLineList().get(parsed.asCommandLineList().size() - 1)
                .getCommandSpec().userObject());
    }

    /** Parses and runs the arguments; returns the exit code. */
    int execute(String... args) {
        return commandLine(args).execute(args);
    }

    /** The whole command tree. */
    CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command tree for {@code args}: picocli reads every command's options as it builds a command's model,
     * which {@code spotrun version} or {@code spotrun run --help} would otherwise pay for every other command.
     * So only the command that {@code args} name is added under {@code spotrun}; every one when they name none
     * or one that is unknown (the help, and the suggestions of a mistyped name, list them all), and for
     * {@code generate-completion}, whose script covers them all.
     */
    private CommandLine commandLine(String[] args) {
        if (commandLine == null) {
            commandLine = configured(named(args));
        }
        return commandLine;
    }

    private CommandLine configured(String only) {
        CommandLine made = new CommandLine(SpotrunCommand.class, factory);
        COMMANDS.forEach((name, type) -> {
            if (only == null || only.equals(name)) {
                made.addSubcommand(name, new CommandLine(type, factory));
            }
        });
        CommandLine run = made.getSubcommands().get("run");
        if (run != null) {
            run.setStopAtPositional(true);
        }
        made.setOut(new java.io.PrintWriter(console.out(), true));
        made.setErr(new java.io.PrintWriter(console.err(), true));
        made.setParameterExceptionHandler(usageErrors(console.err()));
        made.setExecutionExceptionHandler(failures(console.err()));
        made.setExecutionStrategy(parsed -> {
            Integer help = CommandLine.executeHelpRequest(parsed);
            if (help != null) {
                return help;
            }
            wire(parsed);
            return new CommandLine.RunLast().execute(parsed);
        });
        return made;
    }

    /** The command {@code args} name, if it is known and needs no other; null for all of them. */
    static String named(String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (ROOT_OPTIONS_WITH_VALUE.contains(arg)) {
                i++;
            } else if (!arg.startsWith("-")) {
                return COMMANDS.containsKey(arg) && !"generate-completion".equals(arg) ? arg : null;
            } else if ("--".equals(arg)) {
                return null;
            }
        }
        return null;
    }

    /** Each command's class by the name its {@code @Command} gives it. */
    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> commands = new LinkedHashMap<>();
        for (Class<?> type : List.of(RunCommand.class, GcCommand.class, LocalCloudCommand.class, VersionCommand.class,
                AutoComplete.GenerateCompletion.class)) {
            commands.put(type.getAnnotation(CommandLine.Command.class).name(), type);
        }
        return Collections.unmodifiableMap(commands);
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
