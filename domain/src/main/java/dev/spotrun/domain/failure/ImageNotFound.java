package dev.spotrun.domain.failure;

/** The registry has no such image or tag. */
public final class ImageNotFound extends SpotrunException {

    private final String image;

    public ImageNotFound(String image, Throwable cause) {
        super("image " + image + " was not found; check its name and tag", false, cause);
        this.image = image;
    }

    public String image() {
        return image;
    }
}
