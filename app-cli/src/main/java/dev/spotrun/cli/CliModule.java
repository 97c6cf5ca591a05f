package dev.spotrun.cli;

import com.google.inject.AbstractModule;
import dev.spotrun.cli.wiring.CloudConnector;
import dev.spotrun.cli.wiring.LocalCloudServer;
import dev.spotrun.domain.port.Sleeper;
import java.time.Clock;

/**
 * The root of the wiring: the process's streams, environment and signals, time, and how clouds are opened.
 * The cloud's own ports are not bound here: a command opens the cloud it chose and asks its session for them.
 */
final class CliModule extends AbstractModule {

    private final Console console;
    private final CallerEnvironment caller;
    private final CloudConnector clouds;
    private final LocalCloudServer localCloud;
    private final Signals signals;
    private final Clock clock;
    private final Sleeper sleeper;

    CliModule(Console console, CallerEnvironment caller, CloudConnector clouds, LocalCloudServer localCloud,
              Signals signals, Clock clock, Sleeper sleeper) {
        this.console = console;
        this.caller = caller;
        this.clouds = clouds;
        this.localCloud = localCloud;
        this.signals = signals;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Where the command line writes, before and without the injector. */
    Console console() {
        return console;
    }

    @Override
    protected void configure() {
        bind(Console.class).toInstance(console);
        bind(CallerEnvironment.class).toInstance(caller);
        bind(CloudConnector.class).toInstance(clouds);
        bind(LocalCloudServer.class).toInstance(localCloud);
        bind(Signals.class).toInstance(signals);
        bind(Clock.class).toInstance(clock);
        bind(Sleeper.class).toInstance(sleeper);
    }
}
