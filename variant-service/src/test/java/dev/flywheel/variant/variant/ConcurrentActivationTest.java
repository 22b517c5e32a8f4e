package dev.flywheel.variant.variant;

import static dev.flywheel.variant.TestData.createAgent;
import static dev.flywheel.variant.TestData.createVariant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConcurrentActivationTest {

    private static final int CLIENTS = 12;
    private static final int ACTIVATIONS = 60;

    @TestHTTPResource("/")
    URL base;
    @Inject
    Pool pool;

    @Test
    void sixtyActivationsOfThreeVariantsFromTwelveClientsLeaveExactlyOneActiveAndNo5xx() throws Exception {
        String agentId = createAgent();
        List<String> variants = List.of(createVariant(agentId, "one"), createVariant(agentId, "two"),
                createVariant(agentId, "three"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        try {
            for (int i = 0; i < ACTIVATIONS; i++) {
                String variantId = variants.get(i % variants.size());
                URI uri = URI.create(base + "api/agents/" + agentId + "/variants/" + variantId + "/activate");
                Callable<Integer> activation = () -> {
                    start.await();
                    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                            .POST(HttpRequest.BodyPublishers.noBody()).build();
                    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                };
                statuses.add(clients.submit(activation));
            }
            start.countDown();
            for (Future<Integer> status : statuses) {
                // A losing activation may answer 409; it must never be a server error.
                assertThat(status.get(120, TimeUnit.SECONDS)).isIn(200, 409);
            }
        } finally {
            clients.shutdownNow();
        }
        long active = pool.preparedQuery("select count(*) from agent_variants where agent_id = $1 and is_active")
                .execute(Tuple.of(UUID.fromString(agentId))).await().atMost(Duration.ofSeconds(5))
                .iterator().next().getLong(0);
        assertThat(active).isEqualTo(1L);
        List<String> activeIds = VariantResourceTest.activeIds(agentId);
        assertThat(activeIds).hasSize(1);
        given().get("/api/agents/{a}/resolved-config", agentId).then().statusCode(200)
                .body("variant_id", is(activeIds.get(0)));
    }
}
