/**
 * Files that cross between this machine and a container: which a directory's {@code .dockerignore} leaves out
 * ({@link dev.spotrun.domain.files.IgnoreRules}), the entries of a local tree in the order an archive holds them
 * ({@link dev.spotrun.domain.files.LocalTree}), and the rules that keep what comes back inside its directory
 * ({@link dev.spotrun.domain.files.Extraction}). Adapters put these entries into their own archive format; the
 * rules live here so that every engine, fake or real, follows the same ones.
 */
package dev.spotrun.domain.files;
