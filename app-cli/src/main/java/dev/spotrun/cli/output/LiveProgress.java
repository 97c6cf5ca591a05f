package dev.spotrun.cli.output;

import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.event.RunListener;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A display redrawn in place on a terminal: launch, boot, connect, pull per layer, then terminate. While the
 * container runs, it steps aside: what was shown stays on screen, the container's output follows below, and
 * spotrun's own messages are single lines until the container is done.
 */
public final class LiveProgress implements RunListener, AutoCloseable {

    private static final long TICK_MILLIS = 200;
    private static final String UP = "\033[%dA";
    private static final String CLEAR_BELOW = "\r\033[J";

    private final PrintStream err;
    private final Clock clock;
    private final int width;
    private final ContainerOutput output;
    private final Board board = new Board();
    private final ScheduledExecutorService ticker;
    private int drawn;
    private int tick;
    private boolean closed;

    public LiveProgress(PrintStream err, Clock clock, int width, ContainerOutput output) {
        this.err = err;
        this.clock = clock;
        this.width = width;
        this.output = output;
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "spotrun-progress");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void on(RunEvent event) {
        boolean wasRunning = board.containerRunning();
        if (wasRunning && !(event instanceof RunEvent.ContainerExited || event instanceof RunEvent.ContainerStopped
                || event instanceof RunEvent.AttemptFinished)) {
            board.apply(event);
            board.clearMessage();
            freshLine();
            err.println("spotrun: " + EventText.describe(event));
            err.flush();
            return;
        }
        board.apply(event);
        if (wasRunning) {
            freshLine();
        }
        redraw();
        if (board.containerRunning() || event instanceof RunEvent.RetryScheduled) {
            // Leave this frame on screen: the container's output (or the next attempt) goes below it.
            board.commit();
            drawn = 0;
        }
    }

    private synchronized void tick() {
        if (!closed && !board.containerRunning()) {
            tick++;
            redraw();
        }
    }

    private void redraw() {
        List<String> lines = board.lines(clock.instant(), width, tick);
        if (lines.isEmpty() && drawn == 0) {
            return;
        }
        StringBuilder frame = new StringBuilder();
        if (drawn > 0) {
            frame.append(String.format(UP, drawn));
        }
        frame.append(CLEAR_BELOW);
        lines.forEach(line -> frame.append(line).append('\n'));
        err.print(frame);
        err.flush();
        drawn = lines.size();
    }

    private void freshLine() {
        if (!output.atLineStart()) {
            err.print('\n');
        }
    }

    /** Stops redrawing and leaves the last frame on screen. */
    @Override
    public synchronized void close() {
        ticker.shutdownNow();
        if (!closed && !board.containerRunning()) {
            redraw();
        }
        drawn = 0;
        closed = true;
    }
}
