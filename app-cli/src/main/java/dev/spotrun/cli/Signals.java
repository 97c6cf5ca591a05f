package dev.spotrun.cli;

import java.util.function.Consumer;

/** The operating system's INT, TERM and HUP signals, behind an interface so that tests can raise them. */
interface Signals {

    /** Sends {@code INT}, {@code TERM} and {@code HUP} to the handler, instead of ending the JVM, until closed. */
    Registration trap(Consumer<String> handler);

    /** Undoes a {@link #trap}. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
