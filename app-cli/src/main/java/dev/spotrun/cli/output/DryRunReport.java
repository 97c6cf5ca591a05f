package dev.spotrun.cli.output;

import dev.spotrun.cli.config.RunSettings;
import dev.spotrun.domain.ContainerSpec;
import dev.spotrun.domain.EngineBootstrap;
import dev.spotrun.domain.ImageRef;
import dev.spotrun.domain.LaunchOption;
import dev.spotrun.domain.LaunchRequest;
import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.RunSpec;
import dev.spotrun.domain.Durations;
import dev.spotrun.domain.fanout.ShardPlan;
import dev.spotrun.domain.run.LaunchPlan;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code spotrun run --dry-run} prints: every launch option in the order the lifecycle tries them, and the
 * image, tags, expiry and firewall rule each machine would get. Nothing is created to find this out, so
 * values only the cloud knows (the AMI id of "latest", the caller's public address) are described, not resolved.
 */
public final class DryRunReport {

    private DryRunReport() {
    }

    public static List<String> lines(RunSettings settings, String runId, Instant now) {
        RunSpec spec = settings.spec();
        List<String> lines = new ArrayList<>();
        lines.add("spotrun dry run: nothing is created. A run would request:");
        lines.add(field("cloud", settings.cloud().cloud().label() + where(settings)));
        lines.add(field("image", ImageRef.parse(spec.container().image()).canonical()));
        lines.add(field("command", spec.container().command().isEmpty() ? "the image's default"
                : String.join(" ", spec.container().command())));
        container(spec.container(), lines);
        spec.copies().forEach(c -> lines.add(field("copy", c.source() + " into the container at " + c.destination()
                + ", before it starts")));
        spec.artifacts().forEach(a -> lines.add(field("artifact", a.containerPath() + " out to " + a.localDir()
                + (spec.overwriteArtifacts() ? ", replacing files there" : ", keeping files there"))));
        machine(spec.machine(), lines);
        Instant expires = now.plus(spec.ttl()).truncatedTo(ChronoUnit.SECONDS);
        lines.add(field("ttl", Durations.format(spec.ttl()) + ": launched now, the machine would shut itself down at "
                + expires));
        lines.add(field("abandon", "it powers itself off once no spotrun client has been connected for "
                + Durations.format(spec.abandonAfter())));
        lines.add(field("tags", tags(spec, runId, expires)));
        lines.add(field("timeouts", "boot " + Durations.format(spec.timeouts().boot()) + ", pull "
                + Durations.format(spec.timeouts().pull()) + ", run " + Durations.format(spec.timeouts().run())
                + ", stop " + Durations.format(spec.timeouts().stopGrace())));
        lines.add(field("retries", spec.retry().retries() + " after spot interruptions"
                + (spec.retry().onDemandRetries() ? ", on-demand" : "")));
        if (settings.fanOut().sharded()) {
            ShardPlan plan = settings.fanOut().plan();
            lines.add(field("shards", plan.count() + " machines, " + plan.parallel() + " at a time, each with its own"
                    + " run id; SPOTRUN_SHARD_INDEX 0.." + (plan.count() - 1) + ", SPOTRUN_SHARD_COUNT " + plan.count()
                    + (settings.fanOut().outputDir().isEmpty() ? ""
                    : "; output to " + settings.fanOut().outputDir() + "/shard-I.stdout and .stderr")));
        }
        return lines;
    }

    private static void machine(MachineSpec machine, List<String> lines) {
        lines.add(field("market", machine.market().label()
                + machine.spotPriceCap().map(p -> ", at most $" + p.toPlainString() + "/h for spot").orElse("")));
        lines.add("  launch order (the first with capacity is used):");
        List<LaunchOption> options = LaunchPlan.options(machine);
        for (int i = 0; i < options.size(); i++) {
            lines.add(String.format(Locale.ROOT, "    %2d. %s", i + 1, options.get(i)));
        }
        lines.add(field("ami", machine.ami().isEmpty() ? "the latest Amazon Linux 2023 (looked up at launch)"
                : machine.ami()));
        lines.add(field("profile", machine.iamInstanceProfile().isEmpty() ? "none" : machine.iamInstanceProfile()));
        lines.add(field("security", security(machine)));
        lines.add(field("address", machine.usePrivateAddress() ? "private" : "public"));
    }

    private static void container(ContainerSpec c, List<String> lines) {
        if (!c.entrypoint().isEmpty()) {
            lines.add(field("entrypoint", String.join(" ", c.entrypoint())));
        }
        if (!c.env().isEmpty()) {
            // Values may be secrets; a dry run shows only the names.
            lines.add(field("env", String.join(", ", c.env().keySet()) + " (values not shown)"));
        }
        if (!c.workdir().isEmpty()) {
            lines.add(field("workdir", c.workdir()));
        }
        if (!c.user().isEmpty()) {
            lines.add(field("user", c.user()));
        }
        if (!c.labels().isEmpty()) {
            lines.add(field("labels", join(c.labels())));
        }
        if (c.gpus() != 0) {
            lines.add(field("gpus", c.gpus() == ContainerSpec.ALL_GPUS ? "all" : Integer.toString(c.gpus())));
        }
        if (!c.name().isEmpty()) {
            lines.add(field("name", c.name()));
        }
    }

    private static String where(RunSettings settings) {
        String region = settings.cloud().region();
        String profile = settings.cloud().profile();
        return (region.isEmpty() ? "" : ", region " + region) + (profile.isEmpty() ? "" : ", profile " + profile);
    }

    private static String security(MachineSpec machine) {
        if (!machine.securityGroup().isEmpty()) {
            return "the existing group " + machine.securityGroup();
        }
        String from = machine.allowCidr().isEmpty() ? "this machine's public address (/32)" : machine.allowCidr();
        return "a new group for this run: TCP " + EngineBootstrap.TLS_PORT + " (Docker, mutual TLS) from " + from;
    }

    private static String tags(RunSpec spec, String runId, Instant expires) {
        EngineBootstrap none = new EngineBootstrap(EngineBootstrap.TLS_PORT, "", "", "");
        LaunchOption first = LaunchPlan.options(spec.machine()).get(0);
        Map<String, String> tags = new LaunchRequest(runId, 1, first, spec.machine(), none, spec.owner(), expires)
                .tags();
        return join(new java.util.TreeMap<>(tags));
    }

    private static String join(Map<String, String> map) {
        return map.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String field(String name, String value) {
        return String.format(Locale.ROOT, "  %-10s %s", name, value);
    }
}
