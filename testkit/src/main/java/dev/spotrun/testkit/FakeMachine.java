package dev.spotrun.testkit;

import dev.spotrun.domain.Instance;
import dev.spotrun.domain.InstanceState;
import dev.spotrun.domain.InstanceStatus;
import dev.spotrun.domain.InstanceSummary;
import dev.spotrun.domain.LaunchRequest;
import dev.spotrun.domain.failure.InstanceFailed;
import dev.spotrun.domain.failure.SpotInterrupted;
import java.time.Instant;

/** One machine of {@link InMemoryCompute}. */
final class FakeMachine {

    private final LaunchRequest request;
    private final Instant runningAt;
    private Instance instance;
    private InstanceStatus status = InstanceStatus.of(InstanceState.PENDING);

    FakeMachine(Instance instance, LaunchRequest request, Instant runningAt) {
        this.instance = instance;
        this.request = request;
        this.runningAt = runningAt;
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
        end(InstanceState.TERMINATED, true, InMemoryCompute.SPOT_REASON, engines);
    }

    /** Ends it, if it was not yet, and takes its host away with its containers. */
    void end(InstanceState state, boolean interrupted, String reason, InMemoryContainerEngine engines) {
        end(state, interrupted, reason);
        if (!address().isEmpty()) {
            engines.stopHost(address());
        }
    }

    private synchronized void end(InstanceState state, boolean interrupted, String reason) {
        if (!status.state().isGone()) {
            status = new InstanceStatus(state, interrupted, reason);
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
