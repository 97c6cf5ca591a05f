package dev.spotrun.domain.failure;

/** The machine's Docker engine did not answer, or the connection to it broke. */
public final class EngineUnreachable extends SpotrunException {

    /** Why the engine could not be talked to: a firewall and routing matter, or one of trust. */
    public enum Reason {
        /** No connection, or one that broke: the address, the firewall, the route or the machine itself. */
        NETWORK,
        /** A connection, but no mutual TLS: the engine or this client refused the other's certificate. */
        TLS
    }

    private final String address;
    private final Reason reason;

    public EngineUnreachable(String address, Reason reason, String detail, Throwable cause) {
        super("the Docker engine at " + address + " is unreachable: " + detail, true, cause);
        this.address = address;
        this.reason = reason;
    }

    /** Unreachable over the network. */
    public EngineUnreachable(String address, String detail, Throwable cause) {
        this(address, Reason.NETWORK, detail, cause);
    }

    public String address() {
        return address;
    }

    public Reason reason() {
        return reason;
    }
}
