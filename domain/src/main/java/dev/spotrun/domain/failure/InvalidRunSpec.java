package dev.spotrun.domain.failure;

import java.util.List;

/** The request is invalid; nothing was provisioned. Each problem says what to change. */
public final class InvalidRunSpec extends SpotrunException {

    private final List<String> problems;

    public InvalidRunSpec(List<String> problems) {
        super(String.join("; ", problems), false);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
