package dev.spotrun.domain.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.domain.Instance;
import dev.spotrun.domain.LaunchOption;
import dev.spotrun.domain.Market;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How far an attempt got, read from the last value its steps reached: what the clean-up has to undo. */
class ReachedTest {

    private static final Instance LAUNCHED = new Instance("i-1", "t3.micro", Market.SPOT, "", "");
    private static final Instance RUNNING = LAUNCHED.withAddress("127.0.0.2");

    private static final Reached.Launched LAUNCH = new Reached.Launched(LAUNCHED,
            new LaunchOption("t3.micro", Market.SPOT, "", ""));
    private static final Reached.Running BOOT = new Reached.Running(LAUNCH, RUNNING, Duration.ofSeconds(9));
    private static final Reached.Pulled PULL = new Reached.Pulled(new Reached.Connected(BOOT, null, null));
    private static final Reached.Created CREATE = new Reached.Created(PULL, "c-1");
    private static final Reached.Exited EXIT = new Reached.Exited(
            new Reached.Started(new Reached.Attached(CREATE), null), 3);

    @Test
    void before_the_launch_there_is_no_machine_and_nothing_to_undo() {
        assertThat(Reached.NOTHING.instance()).isNull();
        assertThat(Reached.NOTHING.last(Reached.Launched.class)).isEmpty();
        assertThat(Reached.NOTHING.got(Reached.Connected.class)).isFalse();
    }

    @Test
    void the_machine_is_the_one_last_seen_with_its_address_once_it_runs() {
        assertThat(LAUNCH.instance()).isEqualTo(LAUNCHED);
        assertThat(BOOT.instance()).isEqualTo(RUNNING);
        assertThat(EXIT.instance()).isEqualTo(RUNNING);
    }

    @Test
    void a_created_container_is_to_be_stopped_but_has_no_artifacts_to_look_for() {
        assertThat(CREATE.got(Reached.Connected.class)).isTrue();
        assertThat(CREATE.last(Reached.Created.class)).containsSame(CREATE);
        assertThat(CREATE.got(Reached.Attached.class)).isFalse();
        assertThat(CREATE.got(Reached.Exited.class)).isFalse();
    }

    @Test
    void an_exited_container_keeps_what_came_before_it() {
        assertThat(EXIT.last(Reached.Created.class)).containsSame(CREATE);
        assertThat(EXIT.got(Reached.Attached.class)).isTrue();
        assertThat(EXIT.containerId()).isEqualTo("c-1");
        assertThat(EXIT.last(Reached.Running.class)).containsSame(BOOT);
    }

    @Test
    void the_detail_of_an_exit_says_what_may_be_missing_of_the_output() {
        assertThat(new Reached.Drained(EXIT, "").detail()).isEmpty();
        assertThat(new Reached.Drained(EXIT, "the stream broke").detail())
                .isEqualTo("the container's output may be incomplete: the stream broke");
    }
}
