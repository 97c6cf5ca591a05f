package dev.spotrun.domain.run;

import dev.spotrun.domain.ContainerSpec;
import dev.spotrun.domain.ImageRef;
import dev.spotrun.domain.failure.InvalidRunSpec;
import dev.spotrun.domain.failure.InvalidRunSpec.Problem;
import dev.spotrun.domain.failure.SpecField;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The rules of the container's own values, as Docker and the kernel that starts its process apply them. */
final class ContainerRules {

    /**
     * One {@code KEY=VALUE} entry, in UTF-8 bytes: Linux's execve takes at most MAX_ARG_STRLEN (32 pages, 128 KiB)
     * per string, its terminating NUL included.
     */
    static final int MAX_ENV_ENTRY_BYTES = 128 * 1024 - 1;
    /**
     * All entries together, each with its NUL: execve's whole budget for arguments and environment is a quarter of
     * the stack limit (2 MiB under the usual 8 MiB); half of it leaves room for the command and the image's own
     * environment. Docker's API takes this much without complaint.
     */
    static final int MAX_ENV_BYTES = 1024 * 1024;

    private static final Pattern ENV_NAME = Pattern.compile("[^=\\x00]+");
    /** Docker's validContainerNamePattern: a letter or digit, then at least one of these. */
    private static final Pattern CONTAINER_NAME = Pattern.compile("/?[a-zA-Z0-9][a-zA-Z0-9_.-]+");
    private static final String NAME_OR_ID = "[A-Za-z0-9_][A-Za-z0-9_.-]*";
    private static final Pattern USER = Pattern.compile(NAME_OR_ID + "(?::" + NAME_OR_ID + ")?");

    private ContainerRules() {
    }

    static void check(ContainerSpec container, List<Problem> problems) {
        try {
            ImageRef.parse(container.image());
        } catch (InvalidRunSpec e) {
            problems.addAll(e.problems());
        }
        checkEnv(container.env(), problems);
        for (String key : container.labels().keySet()) {
            if (key.isBlank()) {
                problems.add(new Problem(SpecField.LABELS, key, "a label key is empty; use KEY=VALUE"));
            }
        }
        noNul(SpecField.COMMAND, container.command(), problems);
        noNul(SpecField.ENTRYPOINT, container.entrypoint(), problems);
        checkProcess(container, problems);
    }

    private static void checkProcess(ContainerSpec container, List<Problem> problems) {
        if (!container.workdir().isEmpty() && !container.workdir().startsWith("/")) {
            problems.add(new Problem(SpecField.WORKDIR, container.workdir(),
                    "the working directory must be an absolute path, e.g. /src"));
        }
        if (!container.user().isEmpty() && !USER.matcher(container.user()).matches()) {
            problems.add(new Problem(SpecField.USER, container.user(), "not of the form NAME|UID[:GROUP|GID]"));
        }
        if (!container.name().isEmpty() && !CONTAINER_NAME.matcher(container.name()).matches()) {
            problems.add(new Problem(SpecField.NAME, container.name(), "Docker accepts names of a letter or digit"
                    + " followed by at least one letter, digit, '_', '.' or '-'"));
        }
        if (container.gpus() < ContainerSpec.ALL_GPUS) {
            problems.add(new Problem(SpecField.GPUS, Integer.toString(container.gpus()),
                    "must be a count or all"));
        }
    }

    private static void checkEnv(Map<String, String> env, List<Problem> problems) {
        long total = 0;
        for (Map.Entry<String, String> entry : env.entrySet()) {
            String name = entry.getKey();
            if (!ENV_NAME.matcher(name).matches()) {
                problems.add(new Problem(SpecField.ENV, name, "a variable name may not be empty nor hold '='"));
                continue;
            }
            // The value may be a secret: problems name the variable only.
            if (entry.getValue().indexOf('\0') >= 0) {
                problems.add(new Problem(SpecField.ENV, name, "the value holds a NUL character, which no process"
                        + " environment can carry"));
            }
            long bytes = utf8Length(name) + 1 + utf8Length(entry.getValue());
            if (bytes > MAX_ENV_ENTRY_BYTES) {
                problems.add(new Problem(SpecField.ENV, name, "NAME=VALUE takes " + bytes + " bytes; Linux passes at"
                        + " most " + MAX_ENV_ENTRY_BYTES + " (128 KiB) per variable"));
            }
            total += bytes + 1;
        }
        if (total > MAX_ENV_BYTES) {
            problems.add(new Problem(SpecField.ENV, "", "all variables together take " + total + " bytes; at most "
                    + MAX_ENV_BYTES + " (1 MiB)"));
        }
    }

    private static long utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void noNul(String field, List<String> args, List<Problem> problems) {
        if (args.stream().anyMatch(arg -> arg.indexOf('\0') >= 0)) {
            problems.add(new Problem(field, "", "an argument holds a NUL character, which no process can take"));
        }
    }
}
