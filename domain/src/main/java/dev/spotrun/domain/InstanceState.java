package dev.spotrun.domain;

/** The life of a machine, as clouds report it. */
public enum InstanceState {
    PENDING, RUNNING, STOPPING, STOPPED, SHUTTING_DOWN, TERMINATED, UNKNOWN;

    /** Whether the machine is gone or going away. */
    public boolean isGone() {
        return this == SHUTTING_DOWN || this == TERMINATED;
    }
}
