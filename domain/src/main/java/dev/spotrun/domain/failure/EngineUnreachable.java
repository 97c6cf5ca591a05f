package dev.spotrun.domain.failure;

/** The machine's Docker engine did not answer, or the connection to it broke. */
public final class EngineUnreachable extends SpotrunException {

    private final String address;

    public EngineUnreachable(String address, String detail, Throwable cause) {
        super("the Docker engine at " + address + " is unreachable: " + detail, true, cause);
        this.address = address;
    }

    public String address() {
        return address;
    }
}
