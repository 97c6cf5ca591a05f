/**
 * One job fanned out over several machines at once: the same {@link dev.spotrun.domain.RunSpec} run as N
 * independent shards, each a whole lifecycle of its own, with every shard's result gathered.
 */
package dev.spotrun.domain.fanout;
