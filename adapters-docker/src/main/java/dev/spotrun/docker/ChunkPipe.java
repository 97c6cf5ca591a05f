package dev.spotrun.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded pipe from one thread's output stream to another's input stream, in chunks: the writer fills a chunk
 * while the reader sends the one before, and neither waits for more than the other needs. (The JDK's piped
 * streams wake a waiting reader only once their buffer is full, or after a second: a copy through them runs in
 * lock-step.) Holds at most {@code CHUNKS} chunks of {@code CHUNK} bytes. Closing the reading end makes the
 * writer's next write fail, so that a copy the engine refused stops at once.
 */
final class ChunkPipe {

    static final int CHUNK = 256 * 1024;
    static final int CHUNKS = 8;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(CHUNKS);
    private volatile boolean readerClosed;

    private final OutputStream out = new OutputStream() {
        private byte[] chunk = new byte[CHUNK];
        private int used;
        private boolean closed;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, CHUNK - used);
                System.arraycopy(b, off, chunk, used, n);
                used += n;
                off += n;
                len -= n;
                if (used == CHUNK) {
                    flush();
                }
            }
        }

        @Override
        public void flush() throws IOException {
            if (used > 0) {
                byte[] full = used == CHUNK ? chunk : java.util.Arrays.copyOf(chunk, used);
                put(full);
                chunk = new byte[CHUNK];
                used = 0;
            }
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                flush();
                try {
                    put(END);
                } catch (IOException readerGone) {
                    // Every byte was handed over; only the end mark found no reader (it had its answer).
                }
            }
        }
    };

    private final InputStream in = new InputStream() {
        private byte[] chunk;
        private int next;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (readerClosed) {
                throw new IOException("the pipe was closed");
            }
            if (chunk == null || next == chunk.length) {
                if (chunk == END) {
                    return -1;
                }
                chunk = take();
                next = 0;
                if (chunk == END) {
                    return -1;
                }
            }
            int n = Math.min(len, chunk.length - next);
            System.arraycopy(chunk, next, b, off, n);
            next += n;
            return n;
        }

        @Override
        public void close() {
            readerClosed = true;
            chunks.clear();
        }
    };

    OutputStream output() {
        return out;
    }

    InputStream input() {
        return in;
    }

    private void put(byte[] chunk) throws IOException {
        try {
            while (!chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                if (readerClosed) {
                    throw new IOException("the pipe's reading end was closed");
                }
            }
            if (readerClosed) {
                chunks.clear();
                throw new IOException("the pipe's reading end was closed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing to the pipe");
        }
    }

    private byte[] take() throws IOException {
        try {
            return chunks.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading from the pipe");
        }
    }
}
