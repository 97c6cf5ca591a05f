package dev.spotrun.localcloud;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Machines that are only addresses. It does not run the user-data, so it stands in for the shutdown the boot
 * script schedules by honouring the instance's {@code spotrun:expires-at} tag; the Docker backend runs the
 * real script instead.
 */
final class InProcessBackend implements InstanceBackend {

    private static final String EXPIRES_AT = "spotrun:expires-at";

    private final AtomicInteger next = new AtomicInteger();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "local-cloud-ttl");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public Machine boot(MachineRequest request) {
        int n = next.getAndIncrement();
        String publicAddress = "127.0." + (1 + n / 250) + "." + (2 + n % 250);
        String privateAddress = "10.0." + (n / 250) + "." + (10 + n % 240);
        ScheduledFuture<?> shutdown = scheduleShutdown(request);
        return new Machine() {
            @Override
            public String publicAddress() {
                return publicAddress;
            }

            @Override
            public String privateAddress() {
                return privateAddress;
            }

            @Override
            public void destroy() {
                if (shutdown != null) {
                    shutdown.cancel(false);
                }
            }
        };
    }

    private ScheduledFuture<?> scheduleShutdown(MachineRequest request) {
        String expiresAt = request.tags().get(EXPIRES_AT);
        if (expiresAt == null) {
            return null;
        }
        try {
            long delay = Math.max(0, Duration.between(Instant.now(), Instant.parse(expiresAt)).toMillis());
            return timers.schedule(request.shutdown(), delay, TimeUnit.MILLISECONDS);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
