package dev.spotrun.localcloud;

/** An error the local cloud answers with, as EC2 would: its code, message and HTTP status. */
final class CloudError extends RuntimeException {

    private final String code;
    private final int status;

    CloudError(int status, String code, String message) {
        super(message);
        this.code = code;
        this.status = status;
    }

    static CloudError badRequest(String code, String message) {
        return new CloudError(400, code, message);
    }

    String code() {
        return code;
    }

    int status() {
        return status;
    }
}
