/** The {@code spotrun} command: picocli commands wired with Guice. */
package dev.spotrun.cli;
