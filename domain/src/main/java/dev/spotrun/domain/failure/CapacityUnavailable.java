package dev.spotrun.domain.failure;

import dev.spotrun.domain.LaunchOption;

/** No machine of this type, market and place could be had right now (e.g. InsufficientInstanceCapacity). */
public final class CapacityUnavailable extends SpotrunException {

    private final LaunchOption option;
    private final String code;

    public CapacityUnavailable(LaunchOption option, String code, String detail) {
        super("no capacity for " + option + " (" + code + (detail.isEmpty() ? "" : ": " + detail) + ")", true);
        this.option = option;
        this.code = code;
    }

    public LaunchOption option() {
        return option;
    }

    /** The cloud's error code. */
    public String code() {
        return code;
    }
}
