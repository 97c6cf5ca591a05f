package dev.spotrun.cli;

import java.io.PrintStream;
import java.util.Objects;

/**
 * spotrun's two output streams. {@code out} carries only the container's stdout (and the output of commands
 * that produce data, such as {@code --dry-run} or {@code version}); everything spotrun says about itself goes
 * to {@code err}.
 *
 * @param out           standard output
 * @param err           standard error
 * @param errIsTerminal whether standard error is a terminal, for the live progress display
 * @param width         the terminal's width in columns, to keep redrawn lines from wrapping
 */
public record Console(PrintStream out, PrintStream err, boolean errIsTerminal, int width) {

    public Console {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }
}
