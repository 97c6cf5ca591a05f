package dev.spotrun.localcloud;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Removes what local clouds of dead sessions left on the engine: every container carrying the
 * {@link LocalCloud#SESSION_LABEL} of a session that is certainly gone (force, with its volumes), then the
 * volumes labelled so. Containers of live sessions, and of sessions that cannot be judged from here, stay.
 */
final class SessionReaper {

    private final DockerClient docker;
    private final Session here;
    private final Session.Processes processes;

    SessionReaper(DockerClient docker, Session here, Session.Processes processes) {
        this.docker = docker;
        this.here = here;
        this.processes = processes;
    }

    /** Removes the leftovers of dead sessions; returns one line per thing removed. */
    /**
     * Reaps this session's dead peers on a daemon thread of its own; the answer is what {@link #reap} returns, or
     * what it threw.
     */
    static java.util.function.Supplier<List<String>> inBackground() {
        java.util.concurrent.FutureTask<List<String>> reaping = new java.util.concurrent.FutureTask<>(
                () -> new SessionReaper(LocalEngine.client(), Session.current(), Session.Processes.ofThisMachine())
                        .reap());
        Thread reaper = new Thread(reaping, "local-cloud-reaper");
        reaper.setDaemon(true);
        reaper.start();
        return () -> {
            try {
                return reaping.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while removing what dead local clouds left", e);
            }
        };
    }

    List<String> reap() {
        List<String> removed = new ArrayList<>();
        List<Container> containers = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(LocalCloud.SESSION_LABEL)).exec();
        for (Container container : containers) {
            Session owner = ownerOf(container.getLabels());
            if (owner != null) {
                removeContainer(container.getId());
                removed.add("container " + container.getId().substring(0, 12) + " (" + container.getImage()
                        + ") of the dead session pid " + owner.pid());
            }
        }
        List<InspectVolumeResponse> volumes = docker.listVolumesCmd()
                .withFilter("label", List.of(LocalCloud.SESSION_LABEL)).exec().getVolumes();
        for (InspectVolumeResponse volume : volumes == null ? List.<InspectVolumeResponse>of() : volumes) {
            Session owner = ownerOf(volume.getLabels());
            if (owner != null && removeVolume(volume.getName())) {
                removed.add("volume " + volume.getName() + " of the dead session pid " + owner.pid());
            }
        }
        return removed;
    }

    /** The dead session that made a resource, or null when its session lives or cannot be judged. */
    private Session ownerOf(Map<String, String> labels) {
        String label = labels == null ? null : labels.get(LocalCloud.SESSION_LABEL);
        Session owner = label == null ? null : Session.parse(label);
        return owner != null && owner.deadAsSeenFrom(here, processes) ? owner : null;
    }

    private void removeContainer(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException | ConflictException e) {
            // Another local cloud starting at the same time removed it, or is removing it.
        }
    }

    private boolean removeVolume(String name) {
        try {
            docker.removeVolumeCmd(name).exec();
            return true;
        } catch (NotFoundException | ConflictException e) {
            return false;
        }
    }
}
