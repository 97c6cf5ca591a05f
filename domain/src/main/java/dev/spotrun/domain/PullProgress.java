package dev.spotrun.domain;

import java.util.Objects;

/**
 * One progress report of an image pull, per layer, as the engine reports it.
 *
 * @param layer   the layer id, or "" for messages about the whole image
 * @param status  the engine's status text, e.g. {@code Downloading}, {@code Pull complete}
 * @param current bytes done, or -1 when not reported
 * @param total   bytes in all, or -1 when not reported
 */
public record PullProgress(String layer, String status, long current, long total) {

    public PullProgress {
        layer = Objects.requireNonNullElse(layer, "");
        status = Objects.requireNonNullElse(status, "");
    }
}
