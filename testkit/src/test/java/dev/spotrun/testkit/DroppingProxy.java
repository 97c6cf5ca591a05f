package dev.spotrun.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a loopback address of its own that cuts connections: each connection is reset once it has
 * carried {@code dropAfter} bytes towards the client, until {@code maxDrops} were cut. TLS passes through it
 * untouched, so a client sees what it would see on a flaky network. Bounded: it stops cutting by itself.
 */
final class DroppingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String address;
    private final InetSocketAddress target;
    private final long dropAfter;
    private final int maxDrops;
    private final AtomicInteger drops = new AtomicInteger();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    DroppingProxy(String targetAddress, int port, long dropAfter, int maxDrops) throws IOException {
        this.address = LoopbackAddresses.take(port);
        this.target = new InetSocketAddress(targetAddress, port);
        this.dropAfter = dropAfter;
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

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream, false);
                pump(upstream, client, true);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean towardsClient) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            long carried = 0;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    carried += n;
                    if (towardsClient && carried >= dropAfter && tryDrop()) {
                        reset(to);
                        reset(from);
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
