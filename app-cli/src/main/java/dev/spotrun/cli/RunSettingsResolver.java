package dev.spotrun.cli;

import dev.spotrun.cli.config.Cloud;
import dev.spotrun.cli.config.CloudSettings;
import dev.spotrun.cli.config.Config;
import dev.spotrun.cli.config.DurationParser;
import dev.spotrun.cli.config.EnvVars;
import dev.spotrun.cli.config.FanOutSettings;
import dev.spotrun.cli.config.OutputSettings;
import dev.spotrun.cli.config.ProgressMode;
import dev.spotrun.cli.config.RunSettings;
import dev.spotrun.cli.config.UsageError;
import dev.spotrun.domain.ContainerSpec;
import dev.spotrun.domain.LaunchRequest;
import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.Market;
import dev.spotrun.domain.RetryPolicy;
import dev.spotrun.domain.RunSpec;
import dev.spotrun.domain.Timeouts;
import dev.spotrun.domain.fanout.ShardPlan;
import dev.spotrun.domain.failure.InvalidRunSpec.Problem;
import dev.spotrun.domain.run.RunSpecValidator;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the flags of {@code spotrun run}, the configuration file and the built-in defaults, in that order of
 * precedence, into one {@link RunSettings}. A list given on the command line replaces the file's; tags are
 * merged, the command line winning per key.
 */
final class RunSettingsResolver {

    static final List<String> DEFAULT_INSTANCE_TYPES = List.of("t3.small");
    /** How much longer a machine may live than the time limits of its run add up to. */
    static final Duration TTL_MARGIN = Duration.ofMinutes(20);

    private final Config config;
    private final CallerEnvironment caller;
    private final Timeouts defaults = Timeouts.defaults();

    RunSettingsResolver(Config config, CallerEnvironment caller) {
        this.config = config;
        this.caller = caller;
    }

    RunSettings resolve(RunCommand command) {
        CloudSettings cloud = cloudAsGiven(command.cloud);
        RunSpec spec = new RunSpec(container(command), machine(command.machine), timeouts(command.times),
                ttl(command.times), retry(command.times), owner(command.machine.owner),
                duration(command.times.abandonAfter, "abandon-after", LaunchRequest.DEFAULT_ABANDON_AFTER));
        spec = command.files.applyTo(spec);
        return new RunSettings(cloud, spec, output(command.output, command.debug()), command.output.dryRun,
                fanOut(command.shards));
    }

    /** The fan-out, from the command line only: how many machines a job takes is the caller's choice each time. */
    private static FanOutSettings fanOut(ShardOptions options) {
        int count = options.shards == null ? 1 : options.shards;
        int parallel = options.parallel == null ? count : options.parallel;
        return new FanOutSettings(new ShardPlan(count, parallel), options.outputDir);
    }

    /**
     * The cloud settings alone, as {@code gc} needs them.
     *
     * @throws UsageError when the region is not a region's name
     */
    CloudSettings cloud(CloudOptions options) {
        CloudSettings cloud = cloudAsGiven(options);
        List<Problem> problems = RunChecks.regionProblems(cloud);
        if (!problems.isEmpty()) {
            throw new UsageError("invalid input: " + ProblemText.line(problems, config));
        }
        return cloud;
    }

    /** The cloud settings, unchecked: a run checks them together with the rest of its settings. */
    private CloudSettings cloudAsGiven(CloudOptions options) {
        Cloud cloud = pick(options.cloud, "cloud", Cloud::parse, Cloud.AWS);
        return new CloudSettings(cloud, text(options.region, "region"), text(options.profile, "profile"));
    }

    private ContainerSpec container(RunCommand command) {
        ContainerOptions c = command.container;
        Map<String, String> env = EnvVars.resolve(c.envFiles, c.env, caller.env());
        List<String> entrypoint = c.entrypoint == null || c.entrypoint.isEmpty() ? List.of() : List.of(c.entrypoint);
        return new ContainerSpec(command.image, command.command, entrypoint, env, c.workdir, c.user,
                keyValues(c.labels, "-l", false), c.gpus == null ? 0 : c.gpus, c.name);
    }

    private MachineSpec machine(MachineOptions m) {
        Map<String, String> tags = new LinkedHashMap<>(config.tags());
        tags.putAll(keyValues(m.tags, "--tag", true));
        return new MachineSpec(list(m.instanceTypes, "instance-type", DEFAULT_INSTANCE_TYPES),
                pick(m.market, "market", Market::parse, Market.SPOT),
                list(m.subnets, "subnet", List.of()), list(m.zones, "zone", List.of()),
                pick(m.maxPrice, "max-price", BigDecimal::new, null),
                text(m.ami, "ami"), text(m.iamInstanceProfile, "iam-instance-profile"),
                text(m.securityGroup, "security-group"), text(m.allowCidr, "allow-cidr"),
                pick(m.privateIp, "private-ip", RunSettingsResolver::bool, false), tags);
    }

    private Timeouts timeouts(TimeOptions t) {
        return new Timeouts(duration(t.boot, "boot-timeout", defaults.boot()),
                duration(t.pull, "pull-timeout", defaults.pull()),
                duration(t.run, "timeout", defaults.run()),
                duration(t.stopGrace, "stop-timeout", defaults.stopGrace()));
    }

    /**
     * By default a machine outlives the longest run its time limits allow, by a margin for clean-up, but never
     * the longest life a machine may have: limits that do not fit in it are refused for themselves.
     */
    private Duration ttl(TimeOptions t) {
        Timeouts limits = timeouts(t);
        // Each parsed duration is at most DurationParser.LONGEST, so this sum cannot overflow.
        Duration needed = limits.boot().plus(limits.pull()).plus(limits.run()).plus(TTL_MARGIN);
        Duration longest = RunSpecValidator.MAX_LIFETIME;
        return duration(t.ttl, "ttl", needed.compareTo(longest) > 0 ? longest : needed);
    }

    private RetryPolicy retry(TimeOptions t) {
        RetryPolicy defaults = RetryPolicy.defaults();
        return new RetryPolicy(pick(t.retries, "retries", Integer::valueOf, defaults.retries()),
                pick(t.onDemandRetries, "on-demand-retries", RunSettingsResolver::bool, defaults.onDemandRetries()));
    }

    private String owner(String flag) {
        String owner = text(flag, "owner");
        return owner.isEmpty() ? caller.userName() : owner;
    }

    private OutputSettings output(OutputOptions o, boolean debug) {
        ProgressMode mode = o.quiet ? ProgressMode.NONE
                : pick(o.progress, "progress", ProgressMode::parse, ProgressMode.AUTO);
        return new OutputSettings(mode, o.eventsFile, debug);
    }

    private Duration duration(Duration flag, String key, Duration fallback) {
        return pick(flag, key, DurationParser::parse, fallback);
    }

    private String text(String flag, String key) {
        return flag != null ? flag : config.value(key).orElse("");
    }

    /**
     * The flag's values when it was given, else the file's, else the fallback; comma-separated values are split
     * here, keeping empty ones ({@code -t ,}), so that the domain refuses them instead of the default silently
     * taking their place.
     */
    private List<String> list(List<String> flag, String key, List<String> fallback) {
        List<String> given = flag.isEmpty() ? config.list(key) : flag;
        if (given.isEmpty()) {
            return fallback;
        }
        return given.stream().flatMap(value -> Arrays.stream(value.split(",", -1))).map(String::strip).toList();
    }

    /** The flag when given, else the file's value converted (a bad one names its line), else the fallback. */
    private <T> T pick(T flag, String key, java.util.function.Function<String, T> parse, T fallback) {
        if (flag != null) {
            return flag;
        }
        return config.value(key).map(value -> {
            try {
                return parse.apply(value);
            } catch (RuntimeException e) {
                throw new UsageError(config.where(key) + ": " + key + ": " + Converters.describe(e));
            }
        }).orElse(fallback);
    }

    private static boolean bool(String value) {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException("'" + value + "' is not true or false");
    }

    /** {@code KEY=VALUE} entries; a bare {@code KEY} means an empty value unless {@code needValue}. */
    static Map<String, String> keyValues(List<String> entries, String flag, boolean needValue) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq == 0 || (eq < 0 && needValue)) {
                throw new UsageError(flag + " " + entry + ": use KEY=VALUE");
            }
            map.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
        }
        return map;
    }
}
