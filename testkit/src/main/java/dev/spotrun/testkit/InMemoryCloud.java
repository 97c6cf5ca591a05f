package dev.spotrun.testkit;

import dev.spotrun.domain.run.RemoteRun;

/**
 * The in-memory fakes of every port, wired to one {@link VirtualClock}: machines launched by
 * {@link #compute()} boot fake hosts of {@link #engines()}, whose pulls ask {@link #registry()}'s hosts for
 * credentials. {@link #remoteRun()} is the real lifecycle on top of them.
 *
 * <pre>{@code
 * InMemoryCloud cloud = new InMemoryCloud();
 * cloud.engines().publishImage("busybox:1.36", "sh");
 * cloud.compute().noCapacity("c6i.large").interruptAt(Phase.RUN);
 * RunResult result = cloud.remoteRun().run(spec, sink, events);
 * assertThat(cloud.compute().liveInstances()).isEmpty();
 * }</pre>
 */
public final class InMemoryCloud {

    private final VirtualClock clock;
    private final InMemoryContainerEngine engines;
    private final InMemoryCompute compute;
    private final InMemoryRegistry registry;

    public InMemoryCloud() {
        this(new VirtualClock());
    }

    public InMemoryCloud(VirtualClock clock) {
        this.clock = clock;
        this.engines = new InMemoryContainerEngine(clock);
        this.compute = new InMemoryCompute(clock, engines);
        this.registry = new InMemoryRegistry();
    }

    public VirtualClock clock() {
        return clock;
    }

    public InMemoryCompute compute() {
        return compute;
    }

    public InMemoryContainerEngine engines() {
        return engines;
    }

    public InMemoryRegistry registry() {
        return registry;
    }

    /** The lifecycle over these fakes, with the virtual clock as its clock and sleeper. */
    public RemoteRun remoteRun() {
        return new RemoteRun(compute, registry, engines, clock, clock);
    }
}
