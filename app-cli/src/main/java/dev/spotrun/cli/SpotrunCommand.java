package dev.spotrun.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code spotrun}: the top of the command tree and the options every command shares. */
@Command(name = "spotrun", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true,
        description = {"Run one Docker container as a job on a fresh EC2 spot instance, stream its output, return "
                + "its exit code, and always give the machine back."},
        footerHeading = "%nExamples:%n",
        footer = {"  spotrun run busybox echo hello",
                "  spotrun run -t c6i.large,c5.large --market spot-then-on-demand \\",
                "      -e TOKEN my/image:1.2 make test",
                "  spotrun run --cloud local busybox:local sh -c 'exit 3'; echo $?",
                "  spotrun gc --dry-run",
                "  source <(spotrun generate-completion)",
                "",
                "Exit codes: the container's own; 125 when spotrun, the cloud or the engine",
                "failed; 2 for invalid usage (nothing was created); 130 after SIGINT and 143",
                "after SIGTERM, once the container is stopped and the machine terminated.",
                "Defaults: ~/.config/spotrun/config.toml (or --config, SPOTRUN_CONFIG)."})
final class SpotrunCommand implements Runnable {

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces of failures.")
    boolean debug;

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Configuration file. Default: SPOTRUN_CONFIG, then ~/.config/spotrun/config.toml.")
    String config;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "no command given; use one of run, gc, local-cloud, "
                + "version, generate-completion");
    }
}
