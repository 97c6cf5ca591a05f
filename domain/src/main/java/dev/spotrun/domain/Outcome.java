package dev.spotrun.domain;

/** How an attempt ended. */
public enum Outcome {
    /** The container ran to its exit, whatever its exit code. */
    EXITED,
    /** The cloud took the machine back. */
    INTERRUPTED,
    /** Something failed: the cloud, the engine, the image, a timeout. */
    FAILED,
    /** The user cancelled. */
    CANCELLED
}
