package dev.spotrun.cli.e2e.campaign;

import java.util.List;
import java.util.function.Function;

/**
 * One fault scenario: the cloud's faults before the run, the run's own arguments, what the campaign does to the
 * run once it is at the step under test, and the exit code it must end with.
 *
 * @param name     what happens, for the table
 * @param faults   fault specs of the local cloud, set before the run and cleared after it
 * @param args     {@code spotrun run} arguments after {@code --events FILE}, IMAGE and COMMAND included, for a
 *                 lane (whose registry names the image)
 * @param play     what the campaign does while the run runs
 * @param exitCode the exit code spotrun must end with
 * @param check    a further check of the ended run (e.g. its output); returns what is wrong, or ""
 */
record Scenario(String name, List<String> faults, Function<Lane, List<String>> args, Play play, int exitCode,
                Function<Run, String> check) {

    /** What the campaign does to a running run. */
    @FunctionalInterface
    interface Play {
        void play(Run run) throws Exception;
    }

    Scenario(String name, List<String> faults, Function<Lane, List<String>> args, Play play, int exitCode) {
        this(name, faults, args, play, exitCode, run -> "");
    }
}
