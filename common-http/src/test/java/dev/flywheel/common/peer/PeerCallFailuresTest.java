package dev.flywheel.common.peer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.common.problem.UpstreamUnavailable;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** How {@link PeerCall} classifies and names failures, one exception at a time. */
class PeerCallFailuresTest {

    @Test
    void anErrorStatusNamesThePeerAndTheStatus() {
        Throwable failure = PeerCall.upstream("run-service", new WebApplicationException(500));

        assertThat(failure).isInstanceOf(UpstreamUnavailable.class).hasMessageContaining("run-service")
                .hasMessageContaining("HTTP 500");
        assertThat(((UpstreamUnavailable) failure).upstream()).isEqualTo("run-service");
    }

    @Test
    void aRefusedConnectionNamesThePeer() {
        Throwable failure = PeerCall.upstream("verify-service",
                new ProcessingException(new ConnectException("Connection refused")));

        assertThat(failure).isInstanceOf(UpstreamUnavailable.class).hasMessageContaining("verify-service")
                .hasMessageContaining("Connection refused");
    }

    @Test
    void aReadTimeoutNamesThePeer() {
        assertThat(PeerCall.upstream("run-service", new java.util.concurrent.TimeoutException("read timed out")))
                .isInstanceOf(UpstreamUnavailable.class).hasMessageContaining("read timed out");
    }

    @Test
    void aBugOnThisSideKeepsItsOwnType() {
        IllegalStateException bug = new IllegalStateException("shell unavailable");

        assertThat(PeerCall.upstream("verify-service", bug)).isSameAs(bug);
    }

    @Test
    void onlyGatewayErrorsRefusedConnectionsAndTimeoutsAreRetried() {
        assertThat(PeerCall.worthRetrying(new WebApplicationException(503))).isTrue();
        assertThat(PeerCall.worthRetrying(new WebApplicationException(502))).isTrue();
        assertThat(PeerCall.worthRetrying(new ProcessingException(new ConnectException("refused")))).isTrue();
        assertThat(PeerCall.worthRetrying(new java.util.concurrent.TimeoutException())).isTrue();
        assertThat(PeerCall.worthRetrying(new WebApplicationException(500))).isFalse();
        assertThat(PeerCall.worthRetrying(new WebApplicationException(501))).isFalse();
        assertThat(PeerCall.worthRetrying(new WebApplicationException(404))).isFalse();
        assertThat(PeerCall.worthRetrying(new IllegalStateException())).isFalse();
    }
}
