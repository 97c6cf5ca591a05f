package dev.spotrun.cli;

import com.google.inject.Injector;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/** Lets picocli create spotrun's commands through Guice, and everything else (its own classes) as it would. */
final class GuiceFactory implements IFactory {

    private final Injector injector;
    private final IFactory fallback = CommandLine.defaultFactory();

    GuiceFactory(Injector injector) {
        this.injector = injector;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (type.getPackageName().startsWith("dev.spotrun.cli")) {
            return injector.getInstance(type);
        }
        return fallback.create(type);
    }
}
