package dev.spotrun.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Real signals, through {@code sun.misc.Signal}: the JDK's only way to let a process finish its clean-up
 * (terminate the machine) before it exits on SIGINT, SIGTERM or SIGHUP. A signal the process was started with ignored
 * (e.g. under nohup) stays ignored, as the JVM decides.
 */
final class SystemSignals implements Signals {

    /** A closed terminal sends HUP: it must end the run as TERM does, not leave its machine running. */
    private static final List<String> NAMES = List.of("INT", "TERM", "HUP");

    @Override
    public Registration trap(Consumer<String> handler) {
        Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
        for (String name : NAMES) {
            Signal signal = new Signal(name);
            try {
                previous.put(signal, Signal.handle(signal, raised -> handler.accept(raised.getName())));
            } catch (IllegalArgumentException reservedByTheJvm) {
                // E.g. -Xrs: the JVM keeps the signal; the machine still ends itself at its expiry.
            }
        }
        return () -> previous.forEach(Signal::handle);
    }
}
