package dev.spotrun.localcloud;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;

/** Resource ids in EC2's shape: a prefix and 17 hex digits. */
final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    static String next(String prefix) {
        byte[] bytes = new byte[9];
        RANDOM.nextBytes(bytes);
        return prefix + "-" + HexFormat.of().formatHex(bytes).substring(0, 17);
    }

    static String requestId() {
        return UUID.randomUUID().toString();
    }
}
