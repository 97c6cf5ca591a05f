package dev.spotrun.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The container options, spelled as in {@code docker run}. Null means "not given". */
final class ContainerOptions {

    @Option(names = {"-e", "--env"}, paramLabel = "KEY[=VALUE]",
            description = "Set an environment variable; KEY alone passes on the caller's value. Repeatable. "
                    + "KEY=VALUE up to 128 KiB each, 1 MiB together.")
    List<String> env = new ArrayList<>();

    @Option(names = "--env-file", paramLabel = "FILE",
            description = "Read KEY=VALUE lines from a UTF-8 file of up to 1 MiB (# comments, blank lines "
                    + "skipped). Repeatable; -e wins.")
    List<String> envFiles = new ArrayList<>();

    @Option(names = "--entrypoint", paramLabel = "CMD", description = "Override the image's entrypoint.")
    String entrypoint;

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory in the container, an absolute path.")
    String workdir;

    @Option(names = {"-u", "--user"}, paramLabel = "USER[:GROUP]",
            description = "User to run as: NAME or UID, optionally :GROUP or :GID.")
    String user;

    @Option(names = {"-l", "--label"}, paramLabel = "KEY[=VALUE]", description = "Container label. Repeatable.")
    List<String> labels = new ArrayList<>();

    @Option(names = "--gpus", paramLabel = "all|N", converter = Converters.GpusConverter.class,
            description = "GPUs to attach: all, or a number. Refused with instance types known to have none.")
    Integer gpus;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Container name, as Docker takes it: a letter or digit, then letters, digits, _ . -")
    String name;
}
