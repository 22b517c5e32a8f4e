package dev.flywheel.common.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flywheel.common.problem.UpstreamUnavailable;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PeerCall} against a real HTTP peer (a Vert.x server that answers what each test tells it and counts the
 * requests): what is retried, how often, and that an attempt is cut off at the policy's timeout.
 */
class PeerCallTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** A timeout no answer of the local server reaches, even on a busy machine: only the timeout test times out. */
    private static final Duration PATIENT = Duration.ofSeconds(10);

    private static Vertx vertx;
    private static HttpServer server;
    private static HttpClient client;
    private static final AtomicInteger requests = new AtomicInteger();
    /** What the peer answers: an HTTP status, or 0 to hold the request without answering. */
    private static volatile int answer;

    @BeforeAll
    static void startPeer() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> {
            requests.incrementAndGet();
            if (answer != 0) {
                request.response().setStatusCode(answer).end("{}");
            }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(50).setDefaultHost("127.0.0.1")
                .setDefaultPort(server.actualPort()));
    }

    @AfterAll
    static void stopPeer() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    @BeforeEach
    void reset() {
        requests.set(0);
    }

    @Test
    void aPeerAnswering500IsNotRetried() {
        answer = 500;

        assertThatThrownBy(() -> call(policy(3, PATIENT)))
                .isInstanceOf(UpstreamUnavailable.class).hasMessageContaining("peer-under-test")
                .hasMessageContaining("HTTP 500");
        assertThat(requests).hasValue(1);
    }

    @Test
    void aPeerAnswering404IsNotRetried() {
        answer = 404;

        assertThatThrownBy(() -> call(policy(3, PATIENT))).isInstanceOf(UpstreamUnavailable.class);
        assertThat(requests).hasValue(1);
        assertThat(PeerCall.status(new UpstreamUnavailable("p", "x", new WebApplicationException(404)))).isEqualTo(404);
    }

    @Test
    void aPeerAnswering503IsRetriedTheConfiguredNumberOfTimes() {
        answer = 503;

        assertThatThrownBy(() -> call(policy(3, PATIENT)))
                .isInstanceOf(UpstreamUnavailable.class).hasMessageContaining("HTTP 503");
        assertThat(requests).hasValue(4);
    }

    @Test
    void noRetriesMeansOneAttempt() {
        answer = 503;

        assertThatThrownBy(() -> call(policy(0, PATIENT))).isInstanceOf(UpstreamUnavailable.class);
        assertThat(requests).hasValue(1);
    }

    @Test
    void anAttemptIsCutOffAtTheTimeoutAndRetried() {
        answer = 0;
        long started = System.nanoTime();

        assertThatThrownBy(() -> call(policy(1, Duration.ofMillis(300))))
                .isInstanceOf(UpstreamUnavailable.class).hasMessageContaining("no answer within 300 ms");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(requests).hasValue(2);
        // Two attempts of 300 ms and one pause of at most 50 ms: far below what a held request would take.
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(600)).isLessThan(Duration.ofMillis(3000));
    }

    @Test
    void aPeerThatIsUpAnswersAtOnce() {
        answer = 200;

        assertThat(call(policy(3, PATIENT))).isEqualTo("{}");
        assertThat(requests).hasValue(1);
    }

    private static String call(PeerPolicy policy) {
        return PeerCall.to("peer-under-test", policy).<String>call(PeerCallTest::get).await().atMost(WAIT);
    }

    /**
     * One GET, failing as the REST client does on a status of 400 and above. The body is asked for inside the
     * request's own callback, on the event loop: chained from the test thread instead, the answer could end before
     * anyone listened for its body (seen once as an empty body).
     */
    private static Uni<String> get() {
        return Uni.createFrom().completionStage(() -> client.request(HttpMethod.GET, "/peer")
                .compose(request -> request.send().compose(response -> response.body().map(body -> {
                    if (response.statusCode() >= 400) {
                        throw new WebApplicationException(response.statusCode());
                    }
                    return body.toString();
                }))).toCompletionStage());
    }

    private static PeerPolicy policy(int retries, Duration timeout) {
        return new Policy(retries, Duration.ofMillis(20), Duration.ofMillis(50), timeout);
    }

    /** A policy as a peer's config mapping would give it. */
    private record Policy(int retries, Duration backoff, Duration maxBackoff, Duration timeout) implements PeerPolicy {
    }
}
