package dev.spotrun.cli;

import dev.spotrun.cli.config.Config;
import dev.spotrun.domain.failure.InvalidRunSpec.Problem;
import dev.spotrun.domain.failure.SpecField;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one place that knows which flag (and configuration-file key) sets each field of a run, and so turns the
 * domain's facts about an invalid run into the command line's words:
 * {@code --tag aws:x=1: keys starting with 'aws:' are reserved by AWS; choose another key}.
 */
final class ProblemText {

    /** Fields that only the command line has, beside those of the run spec. */
    static final String REGION = "cloud.region";
    /** Where a fan-out's output files go. */
    static final String OUTPUT_DIR = "fanOut.outputDir";

    /**
     * How the command line sets a field.
     *
     * @param flag      the flag, or the positional parameter's name
     * @param configKey the key of the configuration file that sets it too, or "" when none does
     */
    record Setting(String flag, String configKey) {
    }

    private static final Map<String, Setting> SETTINGS = Map.ofEntries(
            Map.entry(SpecField.IMAGE, new Setting("the image", "")),
            Map.entry(SpecField.COMMAND, new Setting("the command", "")),
            Map.entry(SpecField.ENTRYPOINT, new Setting("--entrypoint", "")),
            Map.entry(SpecField.ENV, new Setting("--env/--env-file", "")),
            Map.entry(SpecField.WORKDIR, new Setting("--workdir", "")),
            Map.entry(SpecField.USER, new Setting("--user", "")),
            Map.entry(SpecField.LABELS, new Setting("--label", "")),
            Map.entry(SpecField.GPUS, new Setting("--gpus", "")),
            Map.entry(SpecField.NAME, new Setting("--name", "")),
            Map.entry(SpecField.INSTANCE_TYPES, new Setting("--instance-type", "instance-type")),
            Map.entry(SpecField.MARKET, new Setting("--market", "market")),
            Map.entry(SpecField.MAX_SPOT_PRICE, new Setting("--max-price", "max-price")),
            Map.entry(SpecField.SUBNETS, new Setting("--subnet", "subnet")),
            Map.entry(SpecField.ZONES, new Setting("--zone", "zone")),
            Map.entry(SpecField.AMI, new Setting("--ami", "ami")),
            Map.entry(SpecField.IAM_INSTANCE_PROFILE, new Setting("--iam-instance-profile", "iam-instance-profile")),
            Map.entry(SpecField.SECURITY_GROUP, new Setting("--security-group", "security-group")),
            Map.entry(SpecField.ALLOW_CIDR, new Setting("--allow-cidr", "allow-cidr")),
            Map.entry(SpecField.TAGS, new Setting("--tag", "[tags]")),
            Map.entry(SpecField.BOOT_TIMEOUT, new Setting("--boot-timeout", "boot-timeout")),
            Map.entry(SpecField.PULL_TIMEOUT, new Setting("--pull-timeout", "pull-timeout")),
            Map.entry(SpecField.RUN_TIMEOUT, new Setting("--timeout", "timeout")),
            Map.entry(SpecField.STOP_GRACE, new Setting("--stop-timeout", "stop-timeout")),
            Map.entry(SpecField.TTL, new Setting("--ttl", "ttl")),
            Map.entry(SpecField.ABANDON_AFTER, new Setting("--abandon-after", "abandon-after")),
            Map.entry(SpecField.RETRIES, new Setting("--retries", "retries")),
            Map.entry(SpecField.OWNER, new Setting("--owner", "owner")),
            Map.entry(SpecField.COPIES, new Setting("--copy", "")),
            Map.entry(SpecField.ARTIFACTS, new Setting("--artifact", "")),
            Map.entry(SpecField.SHARDS, new Setting("--shards", "")),
            Map.entry(SpecField.PARALLEL, new Setting("--parallel", "")),
            Map.entry(OUTPUT_DIR, new Setting("--output-dir", "")),
            Map.entry(REGION, new Setting("--region", "region")));

    private ProblemText() {
    }

    /** How the command line sets {@code field}; empty for a field no flag sets (e.g. the machine as a whole). */
    static Optional<Setting> setting(String field) {
        return Optional.ofNullable(SETTINGS.get(field));
    }

    /** Every problem in one line, joined by "; ", each naming its flag and where the configuration file sets it. */
    static String line(List<Problem> problems, Config config) {
        return problems.stream().map(p -> one(p, config)).collect(Collectors.joining("; "));
    }

    /** One problem: {@code FLAG VALUE (or KEY in FILE line N): REASON (with --OTHER)}. */
    static String one(Problem problem, Config config) {
        Optional<Setting> setting = setting(problem.field());
        String subject = setting.map(Setting::flag).orElse("") + value(problem);
        String where = setting.map(s -> fromFile(s, config)).orElse("");
        String related = problem.related().stream().map(ProblemText::setting).flatMap(Optional::stream)
                .map(Setting::flag).collect(Collectors.joining(", "));
        String head = (subject + where).strip();
        return (head.isEmpty() ? "" : head + ": ") + problem.reason() + (related.isEmpty() ? "" : " (" + related + ")");
    }

    /** The value and the reason, for a flag's converter whose message picocli prefixes with the flag. */
    static String valueAndReason(Problem problem) {
        return (problem.value().isEmpty() ? "" : quoted(problem.value()) + ": ") + problem.reason();
    }

    private static String value(Problem problem) {
        return problem.value().isEmpty() ? "" : " " + quoted(problem.value());
    }

    private static String quoted(String value) {
        // Quoted when it would not read as one word before the ": " that follows it.
        return value.endsWith(":") || value.chars().anyMatch(c -> Character.isWhitespace(c) || c == ';' || c == '\'')
                ? "'" + value.replace("'", "'\\''") + "'" : value;
    }

    private static String fromFile(Setting setting, Config config) {
        if (setting.configKey().equals("[tags]")) {
            return config.tags().isEmpty() ? "" : " (or [tags] in " + config.source() + ")";
        }
        if (setting.configKey().isEmpty() || config.list(setting.configKey()).isEmpty()) {
            return "";
        }
        return " (or " + setting.configKey() + " in " + config.where(setting.configKey()) + ")";
    }
}
