package dev.spotrun.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The container to run, with the options of {@code docker run}. Absent text options are "".
 *
 * @param image      the image reference as the user wrote it; validated before anything is provisioned
 * @param command    the command and its arguments; empty for the image's default
 * @param entrypoint the entrypoint; empty for the image's default
 * @param env        environment variables, in the order given
 * @param workdir    the working directory, or ""
 * @param user       {@code USER[:GROUP]}, or ""
 * @param labels     container labels
 * @param gpus       GPUs to attach: 0 for none, {@link #ALL_GPUS} for all
 * @param name       the container name, or "" to let the engine choose
 */
public record ContainerSpec(String image, List<String> command, List<String> entrypoint, Map<String, String> env,
                            String workdir, String user, Map<String, String> labels, int gpus, String name) {

    /** {@code --gpus all}. */
    public static final int ALL_GPUS = -1;

    public ContainerSpec {
        image = Objects.requireNonNullElse(image, "");
        command = List.copyOf(Objects.requireNonNullElse(command, List.of()));
        entrypoint = List.copyOf(Objects.requireNonNullElse(entrypoint, List.of()));
        env = Collections2.orderedCopy(env);
        workdir = Objects.requireNonNullElse(workdir, "");
        user = Objects.requireNonNullElse(user, "");
        labels = Collections2.orderedCopy(labels);
        name = Objects.requireNonNullElse(name, "");
    }

    /** A container of {@code image} running {@code command}, everything else at the image's defaults. */
    public static ContainerSpec of(String image, String... command) {
        return new ContainerSpec(image, List.of(command), List.of(), Map.of(), "", "", Map.of(), 0, "");
    }

    public ContainerSpec withEnv(Map<String, String> newEnv) {
        return new ContainerSpec(image, command, entrypoint, newEnv, workdir, user, labels, gpus, name);
    }

    public ContainerSpec withLabels(Map<String, String> newLabels) {
        return new ContainerSpec(image, command, entrypoint, env, workdir, user, newLabels, gpus, name);
    }

    public ContainerSpec withEntrypoint(List<String> newEntrypoint) {
        return new ContainerSpec(image, command, newEntrypoint, env, workdir, user, labels, gpus, name);
    }

    public ContainerSpec withWorkdir(String newWorkdir) {
        return new ContainerSpec(image, command, entrypoint, env, newWorkdir, user, labels, gpus, name);
    }

    public ContainerSpec withUser(String newUser) {
        return new ContainerSpec(image, command, entrypoint, env, workdir, newUser, labels, gpus, name);
    }

    public ContainerSpec withGpus(int newGpus) {
        return new ContainerSpec(image, command, entrypoint, env, workdir, user, labels, newGpus, name);
    }

    public ContainerSpec withName(String newName) {
        return new ContainerSpec(image, command, entrypoint, env, workdir, user, labels, gpus, newName);
    }

    /** The same container with more labels; the ones given win over existing ones. */
    public ContainerSpec plusLabels(Map<String, String> extra) {
        Map<String, String> merged = new LinkedHashMap<>(labels);
        merged.putAll(extra);
        return withLabels(merged);
    }

    @Override
    public String toString() {
        // Environment values may be secrets: print only their names.
        return "ContainerSpec[image=" + image + ", command=" + command + ", entrypoint=" + entrypoint
                + ", env=" + env.keySet() + ", workdir=" + workdir + ", user=" + user + ", labels=" + labels
                + ", gpus=" + gpus + ", name=" + name + "]";
    }
}
