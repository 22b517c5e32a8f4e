package dev.flywheel.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UpstreamTest {

    @Test
    void oneUrlIsOneReplica() {
        Upstream run = Upstream.of("run-service", "http://127.0.0.1:9083");

        assertThat(run.replicas()).extracting(Replica::baseUrl).containsExactly("http://127.0.0.1:9083");
        assertThat(run.next().port()).isEqualTo(9083);
    }

    @Test
    void commaSeparatedUrlsAreReplicasWithDefaultPortsAndSpacesIgnored() {
        Upstream run = Upstream.of("run-service", "http://10.0.0.5:8083, https://run.example , http://run-b");

        assertThat(run.replicas()).extracting(Replica::baseUrl)
                .containsExactly("http://10.0.0.5:8083", "https://run.example:443", "http://run-b:80");
        assertThat(run.replicas().get(1).ssl()).isTrue();
    }

    @Test
    void aServiceWithoutAUrlOrWithAMalformedOneIsRefusedAtStart() {
        assertThatThrownBy(() -> Upstream.of("run-service", " , ")).hasMessageContaining("run-service has no URL");
        assertThatThrownBy(() -> Upstream.of("run-service", "127.0.0.1:9083")).hasMessageContaining("not a service URL");
    }

    @Test
    void turnsGoRoundRobin() {
        Upstream run = Upstream.of("run-service", "http://a:1,http://b:2,http://c:3");

        assertThat(IntStream.range(0, 6).mapToObj(i -> run.next().host()).toList())
                .containsExactly("a", "b", "c", "a", "b", "c");
    }

    @Test
    void aReplicaWhoseConnectionFailedIsSkippedUntilItsBackOffEnds() throws InterruptedException {
        Upstream run = Upstream.of("run-service", "http://a:1,http://b:2");
        Replica b = run.replicas().get(1);

        b.connectionFailed(System.nanoTime(), 200_000_000L);
        assertThat(IntStream.range(0, 4).mapToObj(i -> run.next().host()).toList()).containsOnly("a");

        Thread.sleep(250);
        assertThat(IntStream.range(0, 4).mapToObj(i -> run.next().host()).toList()).contains("a", "b");
    }

    @Test
    void aReplicaThatIsNotReadyIsSkippedUntilItIs() {
        Upstream run = Upstream.of("run-service", "http://a:1,http://b:2");
        Replica a = run.replicas().get(0);

        a.readiness(false);
        assertThat(IntStream.range(0, 4).mapToObj(i -> run.next().host()).toList()).containsOnly("b");
        a.readiness(true);
        assertThat(IntStream.range(0, 4).mapToObj(i -> run.next().host()).toList()).contains("a", "b");
    }

    @Test
    void whenNoReplicaIsAvailableTheNextInTurnIsStillTried() {
        Upstream run = Upstream.of("run-service", "http://a:1,http://b:2");
        run.replicas().forEach(replica -> replica.readiness(false));

        List<String> tried = IntStream.range(0, 4).mapToObj(i -> run.next().host()).toList();

        assertThat(tried).containsExactly("a", "b", "a", "b");
    }
}
