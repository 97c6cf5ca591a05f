package dev.spotrun.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class ChunkPipeTest {

    @Test
    void everyByteArrivesOnceAndInOrderAcrossThreads() throws Exception {
        byte[] data = new byte[10 * 1024 * 1024 + 17];
        new Random(3).nextBytes(data);
        ChunkPipe pipe = new ChunkPipe();
        Thread writer = new Thread(() -> {
            try (OutputStream out = pipe.output()) {
                for (int off = 0; off < data.length; off += 1000) {
                    out.write(data, off, Math.min(1000, data.length - off));
                }
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        writer.start();

        byte[] read = pipe.input().readAllBytes();
        writer.join();

        assertThat(MessageDigest.getInstance("SHA-256").digest(read))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
    }

    @Test
    void closingTheReadingEndStopsTheWriter() throws Exception {
        ChunkPipe pipe = new ChunkPipe();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                byte[] chunk = new byte[ChunkPipe.CHUNK];
                while (true) {
                    pipe.output().write(chunk);
                }
            } catch (IOException e) {
                failure.set(e);
            }
        });
        writer.start();
        pipe.input().read(new byte[10]);
        pipe.input().close();
        writer.join(5000);

        assertThat(writer.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOf(IOException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> pipe.output().write(1)).isInstanceOf(IOException.class);
    }
}
