package dev.spotrun.cli;

import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Guice;
import com.google.inject.Module;
import java.lang.reflect.Method;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * picocli makes spotrun's commands (and its own classes) as it would; Guice wires a command, through its
 * {@code @Inject} method, only when that command is about to run. picocli makes a command with option groups
 * for every invocation, to read them, so wiring on creation would start Guice (about 550 classes) and whatever
 * a command needs for {@code --help}, {@code --version} and {@code spotrun version} too. The injector is made
 * on the first wiring.
 */
final class GuiceFactory implements IFactory {

    private final Module root;
    private final IFactory fallback = CommandLine.defaultFactory();
    private Injector injector;

    GuiceFactory(Module root) {
        this.root = root;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        return fallback.create(type);
    }

    /** Wires a command that is about to run, when it asks for it. */
    void wire(Object command) {
        for (Method method : command.getClass().getDeclaredMethods()) {
            if (method.isAnnotationPresent(Inject.class)) {
                injector().injectMembers(command);
                return;
            }
        }
    }

    /** Whether the injector was made. */
    boolean started() {
        return injector != null;
    }

    private synchronized Injector injector() {
        if (injector == null) {
            injector = Guice.createInjector(root);
        }
        return injector;
    }
}
