package dev.spotrun.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotrun.domain.EngineBootstrap;
import dev.spotrun.domain.Instance;
import dev.spotrun.domain.InstanceState;
import dev.spotrun.domain.InstanceSummary;
import dev.spotrun.domain.LaunchOption;
import dev.spotrun.domain.LaunchRequest;
import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.Market;
import dev.spotrun.domain.failure.Cancelled;
import dev.spotrun.domain.failure.SpotInterrupted;
import dev.spotrun.domain.failure.TimedOut;
import dev.spotrun.domain.port.ComputePort;
import dev.spotrun.localcloud.LocalCloud;
import dev.spotrun.localcloud.LocalInstance;
import dev.spotrun.localcloud.RecordedRequest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ec2Compute, built by AwsAdapters, against the local cloud with in-process instances: the EC2 side alone. */
class Ec2ComputeOnLocalCloudTest {

    static final EngineBootstrap ENGINE = new EngineBootstrap(EngineBootstrap.TLS_PORT, "CA", "CERT", "KEY");
    static final Duration WAIT = Duration.ofSeconds(10);

    private static LocalCloud cloud;
    private static AwsAdapters aws;
    private static ComputePort compute;
    private static int runs;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.start();
        aws = LocalCloudAdapters.of(cloud).bootScript(request -> "#!/bin/sh\n# port " + request.engine().port()
                + " until " + request.expiresAt() + "\n").build();
        compute = aws.compute();
    }

    @AfterAll
    static void stop() {
        aws.close();
        cloud.close();
    }

    @BeforeEach
    void reset() {
        cloud.faults().clear();
        cloud.clearRequests();
    }

    static LaunchRequest request(String type, Market market, MachineSpec machine) {
        String runId = "sr-test" + (++runs);
        Instant expiresAt = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        return new LaunchRequest(runId, 1, new LaunchOption(type, market, "", ""), machine, ENGINE, "ci", expiresAt);
    }

    static LaunchRequest spot(String type) {
        return request(type, Market.SPOT, MachineSpec.spot(type));
    }

    @Test
    void launchAsksForOneTimeSpotTerminatedOnShutdownWithImdsV2TagsAndUserData() {
        MachineSpec machine = MachineSpec.spot("m5.large").withMaxSpotPrice(new BigDecimal("0.0420"))
                .withTags(Map.of("team", "infra"));
        LaunchRequest request = request("m5.large", Market.SPOT, machine);

        Instance instance = compute.launch(request);

        LocalInstance seen = cloud.instance(instance.id());
        assertThat(seen.spot()).isTrue();
        assertThat(seen.maxPrice()).isEqualTo("0.0420");
        assertThat(seen.httpTokens()).isEqualTo("required");
        assertThat(seen.shutdownBehavior()).isEqualTo("terminate");
        assertThat(seen.userData()).isEqualTo("#!/bin/sh\n# port 2376 until " + request.expiresAt() + "\n");
        assertThat(seen.imageId()).isEqualTo(LocalCloud.AL2023_X86_AMI);
        assertThat(seen.tags()).containsAllEntriesOf(request.tags()).containsEntry("team", "infra")
                .containsEntry(LaunchRequest.TAG_RUN_ID, request.runId()).containsEntry(LaunchRequest.TAG_OWNER, "ci")
                .containsEntry(LaunchRequest.TAG_EXPIRES_AT, request.expiresAt().toString());
        assertThat(seen.volumeTags()).isEqualTo(seen.tags());
        RecordedRequest run = cloud.requests("RunInstances").get(0);
        assertThat(run.params()).containsEntry("InstanceMarketOptions.SpotOptions.SpotInstanceType", "one-time")
                .containsEntry("InstanceMarketOptions.SpotOptions.InstanceInterruptionBehavior", "terminate")
                .containsEntry("MetadataOptions.HttpTokens", "required")
                .containsEntry("InstanceInitiatedShutdownBehavior", "terminate");
        assertThat(instance.market()).isEqualTo(Market.SPOT);
        assertThat(instance.zone()).isEqualTo(cloud.zones().get(0));
        compute.terminate(instance.id());
    }

    @Test
    void aRunWhoseGroupGcReleasedBetweenTwoAttemptsGetsANewOne() {
        LaunchRequest first = spot("m5.large");
        Instance instance = compute.launch(first);
        compute.terminate(instance.id());
        try (AwsAdapters gc = LocalCloudAdapters.of(cloud).build()) {
            assertThat(gc.compute().releaseRun(first.runId())).as("released by another process").isTrue();
        }

        LaunchRequest second = new LaunchRequest(first.runId(), 2, first.option(), first.machine(), ENGINE, "ci",
                first.expiresAt());
        Instance retried = compute.launch(second);
        String group = cloud.instance(retried.id()).securityGroupIds().get(0);
        assertThat(cloud.securityGroups()).extracting(dev.spotrun.localcloud.LocalSecurityGroup::id)
                .contains(group);
        compute.terminate(retried.id());
        assertThat(compute.releaseRun(first.runId())).isTrue();
    }

    @Test
    void theRunsGroupSaysWhenItWasMadeAndTheRunsAbandonWindow() {
        LaunchRequest request = new LaunchRequest("sr-tagged", 1, new LaunchOption("m5.large", Market.SPOT, "", ""),
                MachineSpec.spot("m5.large"), ENGINE, "ci", Instant.now().plus(Duration.ofHours(1)),
                Duration.ofSeconds(90));
        Instance instance = compute.launch(request);
        assertThat(cloud.securityGroups()).filteredOn(g -> g.name().equals("spotrun-sr-tagged")).singleElement()
                .satisfies(group -> {
                    assertThat(group.tags()).containsEntry("spotrun:abandon-after", "90")
                            .containsKey("spotrun:created-at").doesNotContainKey(LaunchRequest.TAG_ATTEMPT);
                    assertThat(Instant.parse(group.tags().get("spotrun:created-at")))
                            .isBetween(Instant.now().minusSeconds(60), Instant.now());
                });
        compute.terminate(instance.id());
        assertThat(compute.releaseRun("sr-tagged")).isTrue();
    }

    @Test
    void theRunsSecurityGroupAdmitsOnlyTheEnginePortFromTheCaller() {
        LaunchRequest request = spot("m5.large");
        Instance instance = compute.launch(request);

        assertThat(cloud.instance(instance.id()).securityGroupIds()).singleElement().satisfies(groupId ->
                assertThat(cloud.securityGroups()).filteredOn(g -> g.id().equals(groupId)).singleElement()
                        .satisfies(group -> {
                            assertThat(group.name()).isEqualTo("spotrun-" + request.runId());
                            assertThat(group.tags()).containsEntry(LaunchRequest.TAG_RUN_ID, request.runId());
                            assertThat(group.rules()).containsExactly(new dev.spotrun.localcloud
                                    .LocalSecurityGroup.Rule("tcp", 2376, 2376, LocalCloud.LOOPBACK_CIDR));
                        }));
        compute.terminate(instance.id());
    }

    @Test
    void aGivenSecurityGroupAndInstanceProfileAreUsedAsGiven() {
        LaunchRequest first = spot("m5.large");
        Instance created = compute.launch(first);
        String existing = cloud.instance(created.id()).securityGroupIds().get(0);
        MachineSpec machine = new MachineSpec(List.of("m5.large"), Market.ON_DEMAND, List.of(), List.of(), null,
                LocalCloud.AL2023_X86_AMI, "runner-profile", existing, "", false, Map.of());

        Instance instance = compute.launch(request("m5.large", Market.ON_DEMAND, machine));

        LocalInstance seen = cloud.instance(instance.id());
        assertThat(seen.securityGroupIds()).containsExactly(existing);
        assertThat(seen.instanceProfile()).isEqualTo("runner-profile");
        assertThat(seen.spot()).isFalse();
        compute.terminate(instance.id());
        compute.terminate(created.id());
    }

    @Test
    void awaitRunningReturnsThePublicAddressOrThePrivateOneWhenAsked() {
        Instance launched = compute.launch(spot("m5.large"));
        MachineSpec privately = new MachineSpec(List.of("m5.large"), Market.SPOT, List.of(), List.of(), null, "", "",
                "", "", true, Map.of());
        Instance inside = compute.launch(request("m5.large", Market.SPOT, privately));

        Instance running = compute.awaitRunning(launched, WAIT);
        Instance runningInside = compute.awaitRunning(inside, WAIT);

        assertThat(running.address()).isEqualTo(cloud.instance(launched.id()).publicAddress()).startsWith("127.");
        assertThat(runningInside.address()).startsWith("10.");
        assertThat(compute.status(launched.id()).state()).isEqualTo(InstanceState.RUNNING);
        compute.terminate(launched.id());
        compute.terminate(inside.id());
    }

    @Test
    void theImageComesFromSsmByArchitectureOnce() {
        Instance x86 = compute.launch(spot("c6i.large"));
        Instance arm = compute.launch(spot("c7g.large"));
        Instance arm2 = compute.launch(spot("t4g.small"));

        assertThat(cloud.instance(x86.id()).imageId()).isEqualTo(LocalCloud.AL2023_X86_AMI);
        assertThat(cloud.instance(arm.id()).imageId()).isEqualTo(LocalCloud.AL2023_ARM64_AMI);
        assertThat(cloud.instance(arm2.id()).imageId()).isEqualTo(LocalCloud.AL2023_ARM64_AMI);
        assertThat(cloud.requests("GetParameter")).hasSizeLessThanOrEqualTo(2);
        List.of(x86, arm, arm2).forEach(i -> compute.terminate(i.id()));
    }

    @Test
    void aSpotInterruptionWhileBootingIsSpotInterrupted() {
        cloud.faults().slowBoot(Duration.ofSeconds(30));
        Instance instance = compute.launch(spot("m5.large"));
        CompletableFuture.runAsync(() -> {
            sleep(300);
            cloud.interrupt(instance.id());
        });

        assertThatThrownBy(() -> compute.awaitRunning(instance, WAIT)).isInstanceOfSatisfying(SpotInterrupted.class,
                e -> assertThat(e.reason()).isEqualTo("Server.SpotInstanceTermination"));
        assertThat(compute.status(instance.id()).interrupted()).isTrue();
    }

    @Test
    void aMachineThatDoesNotRunInTimeIsTimedOut() {
        cloud.faults().slowBoot(Duration.ofSeconds(30));
        Instance instance = compute.launch(spot("m5.large"));

        assertThatThrownBy(() -> compute.awaitRunning(instance, Duration.ofMillis(500))).isInstanceOf(TimedOut.class);
        compute.terminate(instance.id());
    }

    @Test
    void anInterruptedWaitIsCancelledAndKeepsTheInterrupt() throws Exception {
        cloud.faults().slowBoot(Duration.ofSeconds(30));
        Instance instance = compute.launch(spot("m5.large"));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                compute.awaitRunning(instance, WAIT);
            } catch (RuntimeException e) {
                thrown.set(e);
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        waiter.start();
        sleep(300);
        waiter.interrupt();
        waiter.join(5000);

        assertThat(thrown.get()).isInstanceOf(Cancelled.class);
        assertThat(flag.get()).isTrue();
        compute.terminate(instance.id());
    }

    @Test
    void terminateIsIdempotentAndUnknownMachinesAreTerminated() {
        Instance instance = compute.launch(spot("m5.large"));

        compute.terminate(instance.id());
        compute.terminate(instance.id());
        compute.terminate("i-0123456789abcdef0");

        assertThat(compute.status(instance.id()).state().isGone()).isTrue();
        assertThat(compute.status("i-0123456789abcdef0").state()).isEqualTo(InstanceState.TERMINATED);
    }

    @Test
    void aMachineEc2DoesNotShowYetIsTerminatedOnceItShowsNotTakenAsGone() {
        cloud.faults().notFoundAfterLaunch(Duration.ofMillis(2500));
        Instance instance = compute.launch(spot("m5.large"));

        compute.terminate(instance.id());

        assertThat(cloud.instance(instance.id()).gone()).as("terminated, not believed gone on NotFound").isTrue();
        assertThat(cloud.requests("TerminateInstances")).as("asked again a second apart until EC2 showed it")
                .hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void aGroupStillUsedByAMachineBeingTerminatedIsMarkedAndDeletedByALaterRunOnceEc2LetsGo() {
        LaunchRequest request = spot("m5.large");
        Instance instance = compute.launch(request);
        String runId = request.runId();
        String group = cloud.instance(instance.id()).securityGroupIds().get(0);
        compute.terminate(instance.id());
        awaitTerminated(instance.id()); // terminated, and yet EC2 counts it as the group's user a while longer:
        cloud.faults().dependencyViolation(2);

        assertThat(compute.releaseRun(runId)).as("EC2 still counts the terminated machine: not waited for").isFalse();
        assertThat(cloud.securityGroups()).filteredOn(g -> g.id().equals(group)).singleElement()
                .satisfies(g -> assertThat(g.tags()).containsKey("spotrun:ended-at"));
        assertThat(compute.releaseEnded()).as("still refused").doesNotContain(runId);
        assertThat(compute.releaseEnded()).as("EC2 let go").contains(runId);

        assertThat(cloud.securityGroups()).extracting(g -> g.id()).doesNotContain(group);
        assertThat(cloud.requests("DeleteSecurityGroup")).as("two refusals, then the delete").hasSize(3);
    }

    @Test
    void aGroupIsDeletedWithoutAMarkWhenItsTerminatedMachineLetItGoAlready() {
        LaunchRequest request = spot("m5.large");
        Instance instance = compute.launch(request);
        String group = cloud.instance(instance.id()).securityGroupIds().get(0);
        compute.terminate(instance.id());
        awaitTerminated(instance.id());

        assertThat(compute.releaseRun(request.runId())).isTrue();
        assertThat(cloud.securityGroups()).extracting(g -> g.id()).doesNotContain(group);
        assertThat(cloud.requests("CreateTags")).as("no mark").isEmpty();
    }

    @Test
    void aGroupHeldByAMachineShuttingDownIsMarkedWithoutAskingEc2ToDeleteIt() {
        cloud.faults().slowTerminate(Duration.ofSeconds(1));
        LaunchRequest request = spot("m5.large");
        Instance instance = compute.launch(request);
        String group = cloud.instance(instance.id()).securityGroupIds().get(0);
        compute.terminate(instance.id());

        assertThat(compute.releaseRun(request.runId())).isFalse();
        assertThat(cloud.requests("DeleteSecurityGroup")).as("EC2 would refuse it").isEmpty();
        assertThat(cloud.securityGroups()).filteredOn(g -> g.id().equals(group)).singleElement()
                .satisfies(g -> assertThat(g.tags()).containsKey("spotrun:ended-at"));

        awaitTerminated(instance.id());
        assertThat(compute.releaseEnded()).contains(request.runId());
    }

    private static void awaitTerminated(String instanceId) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!cloud.instance(instanceId).state().equals("terminated")) {
            assertThat(System.nanoTime()).as(instanceId + " terminated").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void instancesAreFoundByRunAndByExpiry() {
        LaunchRequest request = spot("m5.large");
        Instance mine = compute.launch(request);
        Instance other = compute.launch(spot("m5.large"));

        assertThat(compute.instancesOfRun(request.runId())).extracting(InstanceSummary::id).containsExactly(mine.id());
        assertThat(compute.instancesOfRun(request.runId()).get(0).owner()).isEqualTo("ci");
        assertThat(compute.leftovers(Instant.now()).expiredMachines()).extracting(InstanceSummary::id)
                .doesNotContain(mine.id(), other.id());
        assertThat(compute.leftovers(request.expiresAt()).expiredMachines()).extracting(InstanceSummary::id).contains(mine.id());
        assertThat(compute.leftovers(request.expiresAt().plusSeconds(60)).expiredMachines()).extracting(InstanceSummary::id)
                .contains(mine.id(), other.id());

        compute.terminate(mine.id());
        compute.terminate(other.id());
    }

    @Test
    void releaseRunDeletesTheGroupOnceTheMachinesAreGoneAndNotBefore() {
        LaunchRequest request = spot("m5.large");
        Instance instance = compute.launch(request);
        String group = cloud.instance(instance.id()).securityGroupIds().get(0);

        compute.releaseRun(request.runId());
        assertThat(cloud.securityGroups()).extracting(g -> g.id()).contains(group);

        compute.terminate(instance.id());
        compute.releaseRun(request.runId());
        assertThat(cloud.securityGroups()).extracting(g -> g.id()).doesNotContain(group);
        assertThat(cloud.instance(instance.id()).state()).isEqualTo("terminated");
        compute.releaseRun(request.runId());
    }

    @Test
    void aMachineLeftBehindEndsItselfAtItsExpiry() {
        LaunchRequest base = spot("m5.large");
        LaunchRequest soon = new LaunchRequest(base.runId(), 1, base.option(), base.machine(), ENGINE, "ci",
                Instant.now().plusMillis(800));
        Instance instance = compute.launch(soon);

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!cloud.instance(instance.id()).state().equals("terminated") && System.nanoTime() < deadline) {
            sleep(50);
        }

        assertThat(cloud.instance(instance.id()).state()).isEqualTo("terminated");
        assertThat(compute.status(instance.id()).reason()).isEqualTo("Client.InstanceInitiatedShutdown");
        assertThat(compute.status(instance.id()).interrupted()).isFalse();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
