package dev.spotrun.localcloud;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Hands out loopback addresses (127.0.0.2 to 127.0.0.254) whose port is free, one per fake machine, so
 * that each looks like a host of its own. Addresses taken in this JVM are never handed out twice; against
 * other processes (e.g. test JVMs running at once) an address is probed by binding its port, and the caller
 * retries with another when the engine still reports a conflict.
 */
public final class LoopbackAddresses {

    private static final Set<String> TAKEN = ConcurrentHashMap.newKeySet();
    private static final int FIRST = 2;
    private static final int LAST = 254;

    private LoopbackAddresses() {
    }

    /** An address whose {@code port} nobody listens on now; {@link #release} it when done. */
    public static String take(int port) {
        int count = LAST - FIRST + 1;
        // Start anywhere: test JVMs running at once then rarely probe the same addresses.
        int start = ThreadLocalRandom.current().nextInt(count);
        for (int i = 0; i < count; i++) {
            String address = "127.0.0." + (FIRST + (start + i) % count);
            if (TAKEN.add(address)) {
                if (free(address, port)) {
                    return address;
                }
                TAKEN.remove(address);
            }
        }
        throw new IllegalStateException("no loopback address 127.0.0.2-254 has port " + port + " free");
    }

    public static void release(String address) {
        TAKEN.remove(address);
    }

    private static boolean free(String address, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
