package dev.spotrun.domain;

/** The timed phases of an attempt, in order. */
public enum Phase {
    /** Asking for a machine, including capacity fallback. */
    LAUNCH,
    /** From launch until the machine runs. */
    BOOT,
    /** From running until its engine answers. */
    CONNECT,
    /** Pulling the image. */
    PULL,
    /** From container start to exit. */
    RUN,
    /** Stopping what is left and terminating the machine. */
    TERMINATE
}
