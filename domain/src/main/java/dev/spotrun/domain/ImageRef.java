package dev.spotrun.domain;

import dev.spotrun.domain.failure.InvalidRunSpec;
import dev.spotrun.domain.failure.SpecField;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A parsed image reference, {@code [registry/]repository[:tag][@digest]}, following the grammar of the
 * Docker distribution reference. A reference without a registry names Docker Hub ({@code docker.io}); one
 * without tag or digest means {@code latest}.
 *
 * @param registry   the registry host (and port), e.g. {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com}
 * @param repository the path inside the registry, e.g. {@code library/busybox}
 * @param tag        the tag, or "" when the reference is by digest only
 * @param digest     the digest ({@code sha256:...}), or ""
 */
public record ImageRef(String registry, String repository, String tag, String digest) {

    public static final String DOCKER_HUB = "docker.io";
    /** The longest name (registry and repository, as written) Docker accepts: distribution's NameTotalLengthMax. */
    public static final int MAX_NAME_LENGTH = 255;

    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}");
    private static final Pattern HOST = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::[0-9]{1,5})?|\\[[0-9a-fA-F:]+\\](?::[0-9]{1,5})?");

    public ImageRef {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(repository, "repository");
        tag = tag == null ? "" : tag;
        digest = digest == null ? "" : digest;
    }

    /**
     * Parses a reference as {@code docker pull} would.
     *
     * @throws InvalidRunSpec when the reference is empty or malformed, about {@link SpecField#IMAGE}; its reason
     *                        says which part is wrong
     */
    public static ImageRef parse(String reference) {
        if (reference == null || reference.isBlank()) {
            throw invalid(reference, "no image given; give one such as busybox:1.36 or REGISTRY/REPO:TAG");
        }
        String rest = reference;
        String digest = "";
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                throw invalid(reference, "the digest is not of the form sha256:HEX");
            }
        }
        String tag = "";
        int slash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > slash) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw invalid(reference, "the tag may hold only letters, digits, '_', '.' and '-'"
                        + " (at most 128)");
            }
        }
        if (rest.length() > MAX_NAME_LENGTH) {
            throw invalid(reference, "the name is " + rest.length() + " characters long; Docker accepts at most "
                    + MAX_NAME_LENGTH);
        }
        String registry = DOCKER_HUB;
        int first = rest.indexOf('/');
        if (first > 0) {
            String head = rest.substring(0, first);
            if (head.contains(".") || head.contains(":") || head.equals("localhost")) {
                if (!HOST.matcher(head).matches()) {
                    throw invalid(reference, "the registry is not a host name");
                }
                registry = head;
                rest = rest.substring(first + 1);
            }
        }
        if (rest.isEmpty()) {
            throw invalid(reference, "the repository name is missing");
        }
        for (String component : rest.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                throw invalid(reference, "the repository must be lowercase letters, digits and separators");
            }
        }
        if (registry.equals(DOCKER_HUB) && !rest.contains("/")) {
            rest = "library/" + rest;
        }
        if (tag.isEmpty() && digest.isEmpty()) {
            tag = "latest";
        }
        return new ImageRef(registry, rest, tag, digest);
    }

    private static InvalidRunSpec invalid(String reference, String why) {
        return InvalidRunSpec.of(SpecField.IMAGE, reference == null ? "" : reference, why);
    }

    /** The repository with its registry, e.g. {@code docker.io/library/busybox}, for pulling by name. */
    public String name() {
        return registry + "/" + repository;
    }

    /** The full reference, with registry, and tag or digest, as the engine is asked to pull it. */
    public String canonical() {
        StringBuilder sb = new StringBuilder(name());
        if (!tag.isEmpty()) {
            sb.append(':').append(tag);
        }
        if (!digest.isEmpty()) {
            sb.append('@').append(digest);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return canonical();
    }
}
