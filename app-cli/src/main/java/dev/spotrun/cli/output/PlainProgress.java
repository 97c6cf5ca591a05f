package dev.spotrun.cli.output;

import dev.spotrun.domain.PullProgress;
import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.event.RunListener;
import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * One timestamped line per step, for logs that are not terminals (Jenkins, GitHub Actions). Pull progress is
 * shown when a layer's status changes, not for every byte count.
 */
public final class PlainProgress implements RunListener {

    private final PrintStream err;
    private final String prefix;
    private final Map<String, String> layerStatus = new HashMap<>();

    public PlainProgress(PrintStream err) {
        this(err, "");
    }

    /** Each line starts with {@code prefix}, e.g. a shard's {@code [2] }. */
    public PlainProgress(PrintStream err, String prefix) {
        this.err = err;
        this.prefix = prefix;
    }

    @Override
    public synchronized void on(RunEvent event) {
        if (event instanceof RunEvent.PullProgressed pulled && !changed(pulled.progress())) {
            return;
        }
        if (event instanceof RunEvent.PhaseStarted || event instanceof RunEvent.PhaseEnded) {
            return; // The step's own events say the same, with what happened in it.
        }
        err.println(prefix + event.at().truncatedTo(ChronoUnit.SECONDS) + " spotrun: " + EventText.describe(event));
        err.flush();
    }

    private boolean changed(PullProgress progress) {
        String previous = layerStatus.put(progress.layer(), progress.status());
        return !progress.status().equals(previous);
    }
}
