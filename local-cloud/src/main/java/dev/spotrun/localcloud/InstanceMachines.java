package dev.spotrun.localcloud;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Moves instances through their states on worker threads: boots their machines on the backend, marks them
 * running, gives spot instances EC2's interruption notice, and shuts them down for the three reasons EC2 knows
 * (the user, a spot interruption, the machine itself), setting the state reason EC2 sets.
 */
final class InstanceMachines implements AutoCloseable {

    /** How long EC2's interruption notice gives a spot instance before it takes it back. */
    static final Duration NOTICE_LEAD = Duration.ofMinutes(2);
    /** How late the spot request shows a notice: EC2 is eventually consistent, late but never early. */
    static final Duration NOTICE_SHOWN_AFTER = Duration.ofMillis(700);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final InstanceBackend backend;
    private final CloudFaults faults;
    /** Boots machines; closing interrupts them (a boot cut short removes what it made). */
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> daemon(r, "local-cloud-instance-"));
    /** Destroys machines; closing waits for them: a removal cut short could leave a fake host behind. */
    private final ExecutorService enders = Executors.newCachedThreadPool(r -> daemon(r, "local-cloud-end-"));
    private final ScheduledExecutorService timers =
            Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "local-cloud-timer-"));

    private final List<InstanceBackend.RegistryRoute> registries;

    InstanceMachines(InstanceBackend backend, CloudFaults faults, List<InstanceBackend.RegistryRoute> registries) {
        this.backend = backend;
        this.faults = faults;
        this.registries = List.copyOf(registries);
    }

    private static Thread daemon(Runnable task, String prefix) {
        Thread thread = new Thread(task, prefix + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }

    void boot(FakeInstance instance) {
        Duration delay = faults.bootDelay();
        Duration interruptAfter = faults.interruptSpotAfter();
        MachinePace.SpotNotice notice = faults.noticeSpotAfter();
        workers.execute(() -> {
            try {
                InstanceBackend.Machine machine = backend.boot(new InstanceBackend.MachineRequest(instance.id,
                        instance.launch.instanceType(), instance.launch.userData(), instance.tags(),
                        () -> shutDownItself(instance), registries));
                if (!instance.attach(machine)) {
                    machine.destroy();
                    return;
                }
                timers.schedule(() -> running(instance, interruptAfter, notice), delay.toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                shutDown(instance, FakeInstance.State.SHUTTING_DOWN, "Server.InternalError", "Internal error on launch");
            }
        });
    }

    private void running(FakeInstance instance, Duration interruptAfter, MachinePace.SpotNotice notice) {
        if (instance.markRunning() && instance.launch.spot()) {
            if (interruptAfter != null) {
                timers.schedule(() -> interrupt(instance), interruptAfter.toMillis(), TimeUnit.MILLISECONDS);
            }
            if (notice != null) {
                timers.schedule(() -> notice(instance, notice.lead()), notice.after().toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * Gives a running spot instance EC2's interruption notice: its spot request says marked-for-termination
     * (a little late), and the instance is taken back {@code lead} after the notice. False when it does not run
     * or had notice already.
     */
    boolean notice(FakeInstance instance, Duration lead) {
        if (!instance.notice(Instant.now(), NOTICE_SHOWN_AFTER)) {
            return false;
        }
        timers.schedule(() -> interrupt(instance), lead.toMillis(), TimeUnit.MILLISECONDS);
        return true;
    }

    /** Takes a spot instance back as EC2 does: its machine dies, its state reason says why. */
    void interrupt(FakeInstance instance) {
        if (!instance.launch.spot()) {
            throw new IllegalStateException(instance.id + " is not a spot instance");
        }
        shutDown(instance, FakeInstance.State.SHUTTING_DOWN, "Server.SpotInstanceTermination",
                "Spot instance termination");
    }

    /**
     * One operation of the control API on an instance's machine: {@code interrupt} and {@code notice} (spot
     * only; a notice takes the instance back {@link #NOTICE_LEAD} later), or
     * {@code cut-engine}, {@code blackhole-engine}, {@code restore-engine} and {@code reboot} of a running one.
     *
     * @throws CloudError 409 when the instance or its machine cannot do it now
     */
    String operate(FakeInstance instance, String operation) {
        if (instance.state().gone()) {
            throw conflict("instance " + instance.id + " is " + instance.state().label);
        }
        if (operation.equals("interrupt")) {
            try {
                interrupt(instance);
            } catch (IllegalStateException e) {
                throw conflict(e.getMessage() + "; only spot instances are interrupted");
            }
            return "interrupted " + instance.id + " (Server.SpotInstanceTermination)";
        }
        if (operation.equals("notice")) {
            if (!instance.launch.spot() || !notice(instance, NOTICE_LEAD)) {
                throw conflict("instance " + instance.id + " is " + instance.state().label + (instance.launch.spot()
                        ? "" : ", not spot") + " or had notice already; only running spot instances get notice");
            }
            return "gave " + instance.id + " notice: marked-for-termination, taken back in "
                    + Durations.format(NOTICE_LEAD);
        }
        InstanceBackend.Machine machine = instance.runningMachine();
        if (machine == null) {
            throw conflict("instance " + instance.id + " is " + instance.state().label + ", not running yet");
        }
        try {
            return instance.id + ": " + switch (operation) {
                case "cut-engine" -> machine.cutEngine();
                case "blackhole-engine" -> machine.blackholeEngine();
                case "restore-engine" -> machine.restoreEngine();
                case "reboot" -> machine.reboot();
                default -> throw new IllegalArgumentException("unknown operation " + operation);
            };
        } catch (UnsupportedOperationException e) {
            throw conflict(instance.id + ": " + e.getMessage());
        }
    }

    private static CloudError conflict(String message) {
        return new CloudError(409, "", message);
    }

    private void shutDownItself(FakeInstance instance) {
        boolean terminate = instance.launch.shutdownBehavior().equals("terminate");
        shutDown(instance, terminate ? FakeInstance.State.SHUTTING_DOWN : FakeInstance.State.STOPPING,
                "Client.InstanceInitiatedShutdown", "Instance initiated shutdown");
    }

    void shutDown(FakeInstance instance, FakeInstance.State next, String code, String message) {
        InstanceBackend.Machine machine = instance.beginShutdown(next, code, message);
        if (machine != null) {
            long longer = faults.terminateDelay().toMillis();
            Runnable end = () -> {
                try {
                    machine.destroy();
                } catch (RuntimeException e) {
                    // What the engine could not remove now, the next local cloud's reaper removes: its session ended.
                } finally {
                    finishShutdown(instance, longer);
                }
            };
            try {
                enders.execute(end);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                end.run();
            }
        }
    }

    /** Ends a shutdown now, or {@code longer} ms from now: at once when the cloud is closing meanwhile. */
    private void finishShutdown(FakeInstance instance, long longer) {
        if (longer > 0) {
            try {
                timers.schedule(instance::finishShutdown, longer, TimeUnit.MILLISECONDS);
                return;
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // The cloud is closing: the shutdown ends now.
            }
        }
        instance.finishShutdown();
    }

    /** Terminates these instances at once, on this thread: the cloud is closing. */
    void terminateAll(Collection<FakeInstance> instances) {
        for (FakeInstance instance : instances) {
            InstanceBackend.Machine machine = instance.beginShutdown(FakeInstance.State.SHUTTING_DOWN,
                    "Client.UserInitiatedShutdown", "User initiated shutdown");
            if (machine != null) {
                machine.destroy();
                instance.finishShutdown();
            }
        }
    }

    /** Interrupts the boots, and lets the machines being destroyed finish first, for up to a minute. */
    @Override
    public void close() {
        timers.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(30, TimeUnit.SECONDS);
            enders.shutdown();
            if (!enders.awaitTermination(60, TimeUnit.SECONDS)) {
                enders.shutdownNow();
            }
        } catch (InterruptedException e) {
            enders.shutdownNow();
            Thread.currentThread().interrupt();
        }
        backend.close();
    }
}
