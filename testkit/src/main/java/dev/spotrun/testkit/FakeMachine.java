package dev.spotrun.testkit;

import dev.spotrun.domain.Instance;
import dev.spotrun.domain.InstanceState;
import dev.spotrun.domain.InstanceStatus;
import dev.spotrun.domain.InstanceSummary;
import dev.spotrun.domain.LaunchRequest;
import dev.spotrun.domain.failure.InstanceFailed;
import dev.spotrun.domain.failure.SpotInterrupted;
import java.time.Instant;
import java.util.function.Supplier;

/** One machine of {@link InMemoryCompute}. */
final class FakeMachine {

    private final LaunchRequest request;
    private final Instant runningAt;
    private final Supplier<Instant> terminatedAtIfEndedNow;
    private Instance instance;
    private InstanceStatus status = InstanceStatus.of(InstanceState.PENDING);
    private Instant terminatedAt;

    /**
     * @param terminatedAtIfEndedNow when a machine ended now is terminated: until then it is shutting down, and
     *                               still holds what the cloud made for its run
     */
    FakeMachine(Instance instance, LaunchRequest request, Instant runningAt, Supplier<Instant> terminatedAtIfEndedNow) {
        this.instance = instance;
        this.request = request;
        this.runningAt = runningAt;
        this.terminatedAtIfEndedNow = terminatedAtIfEndedNow;
    }

    synchronized Instance instance() {
        return instance;
    }

    synchronized String address() {
        return instance.address();
    }

    Instant runningAt() {
        return runningAt;
    }

    synchronized InstanceStatus status() {
        return status;
    }

    /** The machine runs: its engine host boots with the run's key material. */
    synchronized Instance boot(InMemoryContainerEngine engines) {
        if (status.interrupted()) {
            throw new SpotInterrupted(instance.id(), status.reason());
        }
        if (status.state().isGone()) {
            throw new InstanceFailed(instance.id(), "it was terminated before it ran");
        }
        if (status.state() == InstanceState.PENDING) {
            instance = instance.withAddress(engines.bootHost(request.engine(), engines.readyTimeFromNow()));
            status = InstanceStatus.of(InstanceState.RUNNING);
        }
        return instance;
    }

    /** A running machine gets an interruption notice: it is taken back at {@code takeBackAt}. */
    synchronized void notice(Instant takeBackAt, String code) {
        if (status.state() == InstanceState.RUNNING && status.notice().isEmpty()) {
            status = InstanceStatus.noticed(takeBackAt, code);
        }
    }

    /** Takes it back, as the cloud does with a spot machine, when its notice's time is up; says whether it did. */
    boolean takeBackIfDue(Instant now, InMemoryContainerEngine engines) {
        synchronized (this) {
            if (!status.notice().map(at -> !now.isBefore(at)).orElse(false)) {
                return false;
            }
        }
        takeBack(engines);
        return true;
    }

    /** The cloud takes it back: a spot interruption. */
    void takeBack(InMemoryContainerEngine engines) {
        end(true, InMemoryCompute.SPOT_REASON, engines);
    }

    /**
     * Ends it, if it was not yet, and takes its host away with its containers: it shuts down, and is terminated
     * once its termination time has passed (see {@link #settle}).
     */
    void end(boolean interrupted, String reason, InMemoryContainerEngine engines) {
        end(interrupted, reason);
        if (!address().isEmpty()) {
            engines.stopHost(address());
        }
    }

    private synchronized void end(boolean interrupted, String reason) {
        if (!status.state().isGone()) {
            status = new InstanceStatus(InstanceState.SHUTTING_DOWN, interrupted, reason);
            terminatedAt = terminatedAtIfEndedNow.get();
        }
    }

    /** A machine shutting down is terminated once its termination time has passed at {@code now}. */
    synchronized void settle(Instant now) {
        if (status.state() == InstanceState.SHUTTING_DOWN && !now.isBefore(terminatedAt)) {
            status = new InstanceStatus(InstanceState.TERMINATED, status.interrupted(), status.reason());
        }
    }

    synchronized InstanceSummary summary() {
        return new InstanceSummary(instance.id(), request.runId(), request.owner(), request.expiresAt(),
                status.state());
    }

    LaunchRequest request() {
        return request;
    }
}
