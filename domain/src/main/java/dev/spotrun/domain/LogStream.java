package dev.spotrun.domain;

/** The two output streams of a container, kept apart from end to end. */
public enum LogStream {
    STDOUT, STDERR
}
