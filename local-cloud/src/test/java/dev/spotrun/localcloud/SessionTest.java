package dev.spotrun.localcloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a session that made containers is dead for sure, and when it must be left alone. */
class SessionTest {

    private static final Session HERE = new Session("m-1", "boot-1", "pid:[1]", 100, 5000, 40);

    /** Processes whose start is known in milliseconds only, as where there is no /proc. */
    private static Session.Processes running(Map<Long, Long> startByPid) {
        return pid -> Optional.ofNullable(startByPid.get(pid)).map(millis -> new Session.Start(millis, -1));
    }

    private static Session.Processes runningSince(long pid, long millis, long ticks) {
        return asked -> asked == pid ? Optional.of(new Session.Start(millis, ticks)) : Optional.empty();
    }

    @Test
    void aLabelReadsBackAsItsSession() {
        assertThat(Session.parse(HERE.label())).isEqualTo(HERE);
        assertThat(Session.parse("nonsense")).isNull();
        assertThat(Session.current().pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(Session.current().deadAsSeenFrom(Session.current(), Session.Processes.ofThisMachine())).isFalse();
    }

    @Test
    void aSessionWhoseProcessIsGoneOrWhosePidWasReusedIsDead() {
        Session other = new Session("m-1", "boot-1", "pid:[1]", 200, 7000, -1);

        assertThat(other.deadAsSeenFrom(HERE, running(Map.of()))).as("no such pid").isTrue();
        assertThat(other.deadAsSeenFrom(HERE, running(Map.of(200L, 9000L)))).as("pid reused later").isTrue();
        assertThat(other.deadAsSeenFrom(HERE, running(Map.of(200L, 7000L)))).as("still running").isFalse();
        assertThat(other.deadAsSeenFrom(HERE, running(Map.of(200L, -1L)))).as("start unknown").isFalse();
    }

    @Test
    void aSessionOfAnEarlierBootOfThisMachineIsDead() {
        Session before = new Session("m-1", "boot-0", "pid:[1]", 100, 5000, 40);
        assertThat(before.deadAsSeenFrom(HERE, running(Map.of(100L, 5000L)))).isTrue();
    }

    @Test
    void aLiveSessionStaysAliveWhenTheClockWasSetSinceItStarted() {
        // Seen on a build machine: the JDK put a live process's start 5 s later than the process itself had.
        Session other = new Session("m-1", "boot-1", "pid:[1]", 200, 7000, 812);
        assertThat(other.deadAsSeenFrom(HERE, runningSince(200, 12_000, 812))).as("same ticks").isFalse();
        assertThat(other.deadAsSeenFrom(HERE, runningSince(200, 7000, 9170))).as("pid taken again").isTrue();
        Session withoutTicks = new Session("m-1", "boot-1", "pid:[1]", 200, 7000, -1);
        assertThat(withoutTicks.deadAsSeenFrom(HERE, runningSince(200, 7000, 812))).as("an older label").isFalse();
        assertThat(withoutTicks.deadAsSeenFrom(HERE, runningSince(200, 9000, 812))).as("older label, reused").isTrue();
    }

    @Test
    void thisProcessKnowsItsStartInTicksWhereThereIsProc() {
        if (java.nio.file.Files.exists(java.nio.file.Path.of("/proc/self/stat"))) {
            assertThat(Session.current().startTicks()).isPositive();
            assertThat(Session.ticksOf(ProcessHandle.current().pid())).isEqualTo(Session.current().startTicks());
        }
        assertThat(Session.ticksOf(Long.MAX_VALUE)).isEqualTo(-1);
    }

    @Test
    void sessionsOfOtherMachinesOrPidNamespacesAreNeverJudged() {
        Session elsewhere = new Session("m-2", "boot-9", "pid:[1]", 200, 7000, 812);
        Session otherNamespace = new Session("m-1", "boot-1", "pid:[2]", 200, 7000, 812);
        Session unknownMachine = new Session("", "boot-1", "pid:[1]", 200, 7000, 812);

        for (Session session : new Session[] {elsewhere, otherNamespace, unknownMachine}) {
            assertThat(session.deadAsSeenFrom(HERE, running(Map.of()))).as(session.label()).isFalse();
        }
    }
}
