package dev.spotrun.localcloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a session that made containers is dead for sure, and when it must be left alone. */
class SessionTest {

    private static final Session HERE = new Session("m-1", "boot-1", "pid:[1]", 100, 5000);

    private static Session.Processes running(Map<Long, Long> startByPid) {
        return pid -> Optional.ofNullable(startByPid.get(pid));
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
        Session other = new Session("m-1", "boot-1", "pid:[1]", 200, 7000);

        assertThat(other.deadAsSeenFrom(HERE, running(Map.of()))).as("no such pid").isTrue();
        assertThat(other.deadAsSeenFrom(HERE, running(Map.of(200L, 9000L)))).as("pid reused later").isTrue();
        assertThat(other.deadAsSeenFrom(HERE, running(Map.of(200L, 7000L)))).as("still running").isFalse();
        assertThat(other.deadAsSeenFrom(HERE, running(Map.of(200L, -1L)))).as("start unknown").isFalse();
    }

    @Test
    void aSessionOfAnEarlierBootOfThisMachineIsDead() {
        Session before = new Session("m-1", "boot-0", "pid:[1]", 100, 5000);
        assertThat(before.deadAsSeenFrom(HERE, running(Map.of(100L, 5000L)))).isTrue();
    }

    @Test
    void sessionsOfOtherMachinesOrPidNamespacesAreNeverJudged() {
        Session elsewhere = new Session("m-2", "boot-9", "pid:[1]", 200, 7000);
        Session otherNamespace = new Session("m-1", "boot-1", "pid:[2]", 200, 7000);
        Session unknownMachine = new Session("", "boot-1", "pid:[1]", 200, 7000);

        for (Session session : new Session[] {elsewhere, otherNamespace, unknownMachine}) {
            assertThat(session.deadAsSeenFrom(HERE, running(Map.of()))).as(session.label()).isFalse();
        }
    }
}
