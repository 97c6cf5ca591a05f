package dev.spotrun.domain.failure;

import dev.spotrun.domain.LaunchOption;
import java.util.List;

/** Every launch option of a request was out of capacity. */
public final class NoCapacity extends SpotrunException {

    private final List<LaunchOption> tried;

    public NoCapacity(List<LaunchOption> tried) {
        super("no capacity for any of " + tried.size() + " option(s) tried (" + summary(tried) + ")", true);
        this.tried = List.copyOf(tried);
    }

    private static String summary(List<LaunchOption> tried) {
        return tried.stream().map(LaunchOption::toString).reduce((a, b) -> a + ", " + b).orElse("none");
    }

    public List<LaunchOption> tried() {
        return tried;
    }
}
