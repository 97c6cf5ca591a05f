package dev.spotrun.cli.output;

import dev.spotrun.cli.config.OutputSettings;
import dev.spotrun.cli.config.ProgressMode;
import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.event.RunListener;
import dev.spotrun.domain.fanout.FanOutResult;
import dev.spotrun.domain.fanout.ShardReports;
import dev.spotrun.domain.port.LogSink;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a fan-out reports, shard by shard: each shard's output (prefixed lines on spotrun's streams, or its
 * own files with {@code --output-dir}), its progress lines (plain, prefixed; a live display cannot show several
 * machines at once), its events (with its index) and, at the end, one summary line per shard.
 */
public final class ShardReporting implements ShardReports, AutoCloseable {

    private final PrintStream err;
    private final ProgressMode mode;
    private final JsonEvents events;
    private final ShardFiles files;
    private final List<ShardLines.Sink> lines = new ArrayList<>();
    private final List<RunSummary> summaries = new ArrayList<>();
    private final List<RunListener> listeners = new ArrayList<>();
    private boolean finished;

    private ShardReporting(PrintStream err, ProgressMode mode, JsonEvents events, ShardFiles files) {
        this.err = err;
        this.mode = mode;
        this.events = events;
        this.files = files;
    }

    /**
     * Opens the reports of a fan-out of {@code count} shards.
     *
     * @param outputDir where each shard's output files go, or "" for prefixed lines on spotrun's streams
     * @throws dev.spotrun.cli.config.UsageError when the events file or the output directory cannot be written
     */
    public static ShardReporting open(OutputSettings settings, String outputDir, int count, PrintStream out,
                                      PrintStream err, boolean terminal, boolean estimateCost) {
        JsonEvents events = settings.eventsFile().isEmpty() ? null : JsonEvents.open(settings.eventsFile());
        ShardFiles files = outputDir.isEmpty() ? null : openFiles(outputDir, count, events);
        ProgressMode mode = settings.progress().resolve(terminal);
        ShardReporting reporting = new ShardReporting(err, mode == ProgressMode.LIVE ? ProgressMode.PLAIN : mode,
                events, files);
        ShardLines shared = new ShardLines(out, err);
        for (int i = 0; i < count; i++) {
            reporting.add(i, files == null ? shared.sink(i) : null, estimateCost);
        }
        return reporting;
    }

    private static ShardFiles openFiles(String outputDir, int count, JsonEvents events) {
        try {
            return ShardFiles.open(outputDir, count);
        } catch (RuntimeException e) {
            if (events != null) {
                events.close();
            }
            throw e;
        }
    }

    private void add(int index, ShardLines.Sink sink, boolean estimateCost) {
        RunSummary summary = new RunSummary(estimateCost);
        List<RunListener> all = new ArrayList<>();
        all.add(summary);
        if (events != null) {
            all.add(events.forShard(index));
        }
        if (mode == ProgressMode.PLAIN) {
            all.add(new PlainProgress(err, "[" + index + "] "));
        }
        if (sink != null) {
            // An attempt's last partial line is its own: the next attempt's output starts on a line of its own.
            all.add(event -> {
                if (event instanceof RunEvent.AttemptFinished || event instanceof RunEvent.RunFinished) {
                    sink.endLines();
                }
            });
            lines.add(sink);
        }
        summaries.add(summary);
        listeners.add(new Listeners(all));
    }

    @Override
    public LogSink logs(int index) {
        return files != null ? files.sink(index) : lines.get(index);
    }

    @Override
    public RunListener listener(int index) {
        return listeners.get(index);
    }

    /**
     * Ends every shard's output, prints the summary (unless quiet) and closes the files. Idempotent.
     *
     * @param result   every shard's end, or null when the fan-out did not run
     * @param exitCode spotrun's exit code, by the fan-out's rule
     */
    public synchronized void finish(FanOutResult result, int exitCode) {
        if (finished) {
            return;
        }
        finished = true;
        lines.forEach(ShardLines.Sink::endLines);
        closeFiles();
        if (mode == ProgressMode.NONE || result == null) {
            return;
        }
        String first = result.firstFailing().map(s -> " (shard " + s.index() + " is the lowest that failed)")
                .orElse("");
        err.println("spotrun: summary of " + summaries.size() + (summaries.size() == 1 ? " shard" : " shards")
                + ": exit code " + exitCode + first);
        for (int i = 0; i < summaries.size(); i++) {
            err.println(summaries.get(i).shardLine(i));
        }
        for (String problem : problems()) {
            err.println("spotrun: warning: " + problem);
        }
        err.flush();
    }

    private List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (events != null && events.problem() != null) {
            problems.add(events.problem());
        }
        if (files != null && files.problem() != null) {
            problems.add(files.problem());
        }
        return problems;
    }

    private void closeFiles() {
        if (events != null) {
            events.close();
        }
        if (files != null) {
            files.close();
        }
    }

    @Override
    public synchronized void close() {
        if (!finished) {
            finished = true;
            lines.forEach(ShardLines.Sink::endLines);
            closeFiles();
        }
    }
}
