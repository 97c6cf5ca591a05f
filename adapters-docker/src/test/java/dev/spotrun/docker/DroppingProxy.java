package dev.spotrun.docker;

import dev.spotrun.localcloud.LoopbackAddresses;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a loopback address of its own that breaks connections the ways a network does. TLS passes
 * through it untouched, so a client sees what it would see on a flaky network. Bounded: it stops cutting by
 * itself after {@code maxDrops}, and everything ends with {@link #close()}.
 *
 * <ul>
 *   <li>cuts: each connection is reset once it has carried a number of bytes towards the client, fixed or
 *       drawn at random per connection, until {@code maxDrops} were cut;</li>
 *   <li>{@link #stallAfter stalls}: connections stop carrying bytes towards the client after a number of bytes,
 *       and stay open, until {@link #cutAll()};</li>
 *   <li>{@link #blackHole() a black hole}: nothing passes any more, either way, on open connections and new ones,
 *       and nothing is closed: as a machine whose packets are dropped behind a proxy that keeps the TCP
 *       connection itself alive (keepalive probes are answered by the proxy's host).</li>
 * </ul>
 */
final class DroppingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String address;
    private final InetSocketAddress target;
    private final Random random;
    private final long minDropAfter;
    private final long maxDropAfter;
    private final int maxDrops;
    private final AtomicInteger drops = new AtomicInteger();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile long stallAfter = Long.MAX_VALUE;
    private volatile boolean blackHole;

    /** Cuts each connection after {@code dropAfter} bytes towards the client. */
    DroppingProxy(String targetAddress, int port, long dropAfter, int maxDrops) throws IOException {
        this(targetAddress, port, new Random(0), dropAfter, dropAfter, maxDrops);
    }

    /** Cuts each connection after a number of bytes towards the client drawn from {@code [minDropAfter, maxDropAfter]}. */
    DroppingProxy(String targetAddress, int port, Random random, long minDropAfter, long maxDropAfter, int maxDrops)
            throws IOException {
        this.address = LoopbackAddresses.take(port);
        this.target = new InetSocketAddress(targetAddress, port);
        this.random = random;
        this.minDropAfter = minDropAfter;
        this.maxDropAfter = maxDropAfter;
        this.maxDrops = maxDrops;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName(address), port));
        Thread acceptor = new Thread(this::accept, "dropping-proxy-" + address);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String address() {
        return address;
    }

    int drops() {
        return drops.get();
    }

    /** Connections opened from now on carry {@code bytes} towards the client, then stall, open, until {@link #cutAll()}. */
    void stallAfter(long bytes) {
        stallAfter = bytes;
    }

    /** Resets every open connection at once; stalls end, and new connections pass again. */
    void cutAll() {
        stallAfter = Long.MAX_VALUE;
        sockets.forEach(DroppingProxy::reset);
    }

    /** From now on nothing passes, either way, and nothing is closed. */
    void blackHole() {
        blackHole = true;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                if (blackHole) {
                    // Accepted by the proxy's host, as a TCP handshake with a proxy is, and then nothing.
                    continue;
                }
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                sockets.add(upstream);
                long dropAfter;
                synchronized (random) {
                    dropAfter = minDropAfter + (long) (random.nextDouble() * (maxDropAfter - minDropAfter + 1));
                }
                pump(client, upstream, false, Long.MAX_VALUE, Long.MAX_VALUE);
                pump(upstream, client, true, dropAfter, stallAfter);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean towardsClient, long dropAfter, long stall) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            long carried = 0;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer, 0, chunk(carried, stall, buffer.length)); n >= 0;
                     n = in.read(buffer, 0, chunk(carried, stall, buffer.length))) {
                    holdWhileBlackHoled(from);
                    out.write(buffer, 0, n);
                    carried += n;
                    if (towardsClient && carried >= dropAfter && tryDrop()) {
                        reset(to);
                        reset(from);
                        return;
                    }
                    if (carried >= stall) {
                        holdUntilClosed(from);
                        return;
                    }
                }
            } catch (IOException e) {
                // One side went away: so does the other.
            } finally {
                close(from);
                close(to);
            }
        }, "dropping-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    /** How much to read next: no more than is left before a stall. */
    private static int chunk(long carried, long stall, int buffer) {
        return (int) Math.max(1, Math.min(buffer, stall - carried));
    }

    private void holdWhileBlackHoled(Socket socket) {
        if (blackHole) {
            holdUntilClosed(socket);
        }
    }

    private static void holdUntilClosed(Socket socket) {
        while (!socket.isClosed()) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean tryDrop() {
        for (int done = drops.get(); done < maxDrops; done = drops.get()) {
            if (drops.compareAndSet(done, done + 1)) {
                return true;
            }
        }
        return false;
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // Closing is what matters.
        }
        close(socket);
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(DroppingProxy::close);
        LoopbackAddresses.release(address);
    }
}
