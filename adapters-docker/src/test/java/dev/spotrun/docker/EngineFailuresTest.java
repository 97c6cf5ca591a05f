package dev.spotrun.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.spotrun.domain.failure.Cancelled;
import dev.spotrun.domain.failure.EngineRejected;
import dev.spotrun.domain.failure.EngineUnreachable;
import dev.spotrun.domain.failure.ImageNotFound;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EngineFailuresTest {

    private final EngineFailures failures = new EngineFailures("203.0.113.7");

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void a_refusal_by_the_daemon_says_what_the_daemon_said() {
        ConflictException conflict = new ConflictException(
                "Status 409: {\"message\":\"Conflict. The container name \\\"/job\\\" is already in use\"}\n");
        assertThat(failures.translate("create a container", conflict))
                .isInstanceOf(EngineRejected.class)
                .hasMessage("the engine at 203.0.113.7 refused to create a container: "
                        + "Conflict. The container name \"/job\" is already in use");
    }

    @Test
    void a_broken_or_refused_connection_is_unreachable_and_worth_a_retry() {
        RuntimeException wrapped = new RuntimeException(new ConnectException("Connection refused"));
        assertThat(failures.translate("ping", wrapped)).isInstanceOf(EngineUnreachable.class)
                .hasMessageContaining("203.0.113.7").hasMessageContaining("Connection refused")
                .satisfies(e -> assertThat(e.retryable()).isTrue())
                .satisfies(e -> assertThat(((EngineUnreachable) e).reason()).isEqualTo(EngineUnreachable.Reason.NETWORK));
        assertThat(EngineFailures.connectionBroke(wrapped)).isTrue();
    }

    @Test
    void an_engine_with_a_certificate_of_another_run_is_unreachable_and_never_a_broken_connection() {
        SSLHandshakeException handshake = new SSLHandshakeException("PKIX path validation failed");
        handshake.initCause(new CertificateException("not issued by the run's CA"));
        assertThat(failures.translate("ping", new RuntimeException(handshake)))
                .isInstanceOf(EngineUnreachable.class).hasMessageContaining("certificate that this run did not issue")
                .satisfies(e -> assertThat(((EngineUnreachable) e).reason()).isEqualTo(EngineUnreachable.Reason.TLS));
        assertThat(EngineFailures.connectionBroke(handshake)).isFalse();
    }

    @Test
    void an_engine_that_refuses_this_clients_certificate_is_a_matter_of_trust_not_of_the_firewall() {
        SSLHandshakeException refused = new SSLHandshakeException("Received fatal alert: bad_certificate");
        assertThat(failures.translate("ping", new RuntimeException(refused)))
                .isInstanceOfSatisfying(EngineUnreachable.class,
                        e -> assertThat(e.reason()).isEqualTo(EngineUnreachable.Reason.TLS));
    }

    @Test
    void an_interrupt_is_a_cancel_and_keeps_the_flag() {
        assertThat(failures.translate("wait", new RuntimeException(new InterruptedIOException("interrupted"))))
                .isInstanceOf(Cancelled.class);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    @Test
    void domain_failures_pass_through_and_refusals_are_no_broken_connection() {
        ImageNotFound missing = new ImageNotFound("busybox", null);
        assertThat(failures.translate("create", missing)).isSameAs(missing);
        assertThat(EngineFailures.connectionBroke(new NotFoundException("no such container"))).isFalse();
        assertThat(EngineFailures.connectionBroke(new IOException("reset"))).isTrue();
    }
}
