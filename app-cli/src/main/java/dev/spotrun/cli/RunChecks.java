package dev.spotrun.cli;

import dev.spotrun.cli.config.CloudSettings;
import dev.spotrun.cli.config.Config;
import dev.spotrun.cli.config.FanOutSettings;
import dev.spotrun.cli.config.RunSettings;
import dev.spotrun.cli.config.UsageError;
import dev.spotrun.cli.output.JsonEvents;
import dev.spotrun.cli.output.ShardFiles;
import dev.spotrun.domain.failure.InvalidRunSpec;
import dev.spotrun.domain.failure.InvalidRunSpec.Problem;
import dev.spotrun.domain.failure.SpecField;
import dev.spotrun.domain.run.RunSpecValidator;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything checked before a run creates anything, dry or not: the run's own values (the domain's rules), the
 * settings only the command line has (the region), and the events file. A refusal is one line and exit code 2.
 */
final class RunChecks {

    private RunChecks() {
    }

    /**
     * Refuses invalid settings with every problem in one line, naming the flags and the configuration file's
     * lines; then prints the warnings; then, on a dry run, checks the events file could be written.
     *
     * @throws UsageError when anything is invalid; nothing has been created
     */
    static void beforeAnythingIsCreated(RunSettings settings, Config config, PrintStream err) {
        List<Problem> problems = new ArrayList<>(RunSpecValidator.problems(settings.spec()));
        problems.addAll(regionProblems(settings.cloud()));
        problems.addAll(zoneProblems(settings));
        problems.addAll(fanOutProblems(settings.fanOut()));
        if (!problems.isEmpty()) {
            InvalidRunSpec invalid = new InvalidRunSpec(problems);
            throw new UsageError("invalid run: " + ProblemText.line(invalid.problems(), config), invalid);
        }
        if (settings.dryRun() && !settings.output().eventsFile().isEmpty()) {
            JsonEvents.checkWritable(settings.output().eventsFile());
        }
        // Printed even with --quiet: a warning is about what is going to be created, like an error.
        for (Problem warning : RunSpecValidator.warnings(settings.spec())) {
            err.println("spotrun: warning: " + ProblemText.one(warning, config));
        }
        err.flush();
    }

    /** A region given must have a region's form, in any partition. */
    static List<Problem> regionProblems(CloudSettings cloud) {
        String region = cloud.region();
        if (region.isEmpty() || RunSpecValidator.isRegionName(region)) {
            return List.of();
        }
        return List.of(new Problem(ProblemText.REGION, region, "not a region name, e.g. eu-west-1 or us-east-2"));
    }

    /** The number of shards and of shards at once in range; an output directory that can be written. */
    static List<Problem> fanOutProblems(FanOutSettings fanOut) {
        List<Problem> problems = new ArrayList<>(fanOut.plan().problems());
        if (!fanOut.outputDir().isEmpty()) {
            String why = ShardFiles.problem(fanOut.outputDir());
            if (!why.isEmpty()) {
                problems.add(new Problem(ProblemText.OUTPUT_DIR, fanOut.outputDir(), "cannot be written (" + why
                        + "); give a writable directory"));
            }
        }
        return problems;
    }

    /** A zone named (not by id) must lie in the region given, when one is. */
    private static List<Problem> zoneProblems(RunSettings settings) {
        String region = settings.cloud().region();
        if (region.isEmpty() || !RunSpecValidator.isRegionName(region)) {
            return List.of();
        }
        return settings.spec().machine().zones().stream()
                .filter(zone -> RunSpecValidator.regionOfZone(zone).filter(r -> !r.equals(region)).isPresent())
                .map(zone -> new Problem(SpecField.ZONES, zone, "not a zone of the region " + region,
                        List.of(ProblemText.REGION)))
                .toList();
    }
}
