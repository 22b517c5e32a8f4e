package dev.flywheel.variant.performance;

import static dev.flywheel.variant.TestData.createAgent;
import static dev.flywheel.variant.TestData.createVariant;
import static dev.flywheel.variant.TestData.hasFields;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.common.events.CloudEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PerformanceTest {

    @Inject
    RunEvents runs;

    @Test
    void aRunCompletedEventOnTheStreamIsRecordedAndTheSameEventTwiceCountsOnce() {
        String agentId = createAgent();
        String variantId = createVariant(agentId, "measured");
        CloudEvent event = runs.completed(agentId, variantId, 420, 0.8);
        runs.append(event);
        CloudEvent marker = runs.completed(agentId, variantId, 100, null);

        runs.awaitRecorded(marker);
        assertThat(runs.recorded(event)).isEqualTo(1);
        hasFields(given().get("/api/agents/{a}/variants/{v}/metrics", agentId, variantId).then().statusCode(200),
                Map.of("variant_id", variantId, "variant_name", "measured", "runs", 2, "success_rate", 1.0,
                        "tokens_in", 20, "tokens_out", 40, "mean_score", 0.8));
    }

    @Test
    void metricsAggregateSuccessLatencyPercentilesTokensAndScores() {
        String agentId = createAgent();
        String variantId = createVariant(agentId, "aggregated");
        List<CloudEvent> events = new ArrayList<>();
        long[] latencies = { 100, 200, 300, 400 };
        for (int i = 0; i < latencies.length; i++) {
            boolean success = i != 3;
            events.add(runs.event(success ? "run.completed" : "run.failed",
                    runs.outcome(agentId, variantId, success, latencies[i], 5, 7, success ? 0.5 + i * 0.1 : null),
                    Instant.now()));
        }
        events.forEach(runs::append);
        runs.awaitRecorded(events);

        hasFields(given().get("/api/agents/{a}/variants/{v}/metrics", agentId, variantId).then().statusCode(200),
                Map.of("runs", 4, "success_rate", 0.75, "latency_ms.mean", 250.0, "latency_ms.p50", 250.0,
                        "latency_ms.p95", 385.0, "tokens_in", 20, "tokens_out", 28, "mean_score", 0.6));
    }

    @Test
    void aVariantWithoutRunsHasZeroRunsAndNullRates() {
        String agentId = createAgent();
        String variantId = createVariant(agentId, "idle");
        given().get("/api/agents/{a}/variants/{v}/metrics", agentId, variantId).then().statusCode(200)
                .body("runs", is(0))
                .body("success_rate", nullValue())
                .body("latency_ms.p50", nullValue())
                .body("tokens_in", is(0))
                .body("mean_score", nullValue());
    }

    @Test
    void sinceLimitsTheWindowToRunsRecordedFromThatTime() {
        String agentId = createAgent();
        String variantId = createVariant(agentId, "windowed");
        CloudEvent old = runs.event("run.completed", runs.outcome(agentId, variantId, true, 1000, 1, 1, null),
                Instant.now().minus(10, ChronoUnit.DAYS));
        runs.append(old);
        CloudEvent recent = runs.completed(agentId, variantId, 10, null);
        runs.awaitRecorded(old, recent);
        String since = Instant.now().minus(1, ChronoUnit.DAYS).toString();
        given().queryParam("since", since).get("/api/agents/{a}/variants/{v}/metrics", agentId, variantId)
                .then().statusCode(200).body("runs", is(1)).body("latency_ms.mean", is(10.0f))
                .body("since", is(since));
        given().get("/api/agents/{a}/variants/{v}/metrics", agentId, variantId).then().body("runs", is(2));
        given().queryParam("since", "yesterday").get("/api/agents/{a}/variants/{v}/metrics", agentId, variantId)
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("since"));
    }

    @Test
    void runsWithoutAVariantCountForTheBaseConfigAndCompareShowsItFirst() {
        String agentId = createAgent();
        String a = createVariant(agentId, "a");
        String b = createVariant(agentId, "b");
        CloudEvent base = runs.completed(agentId, null, 50, 1.0);
        CloudEvent onA = runs.completed(agentId, a, 70, 0.2);
        runs.awaitRecorded(base, onA);

        given().queryParam("variant_ids", b + "," + a).get("/api/agents/{a}/compare", agentId).then().statusCode(200)
                .body("agent_id", is(agentId))
                .body("items", hasSize(3))
                .body("items.variant_id", contains(null, b, a))
                .body("items.variant_name", contains("base", "b", "a"))
                .body("items.runs", contains(1, 0, 1))
                .body("items[0].latency_ms.mean", is(50.0f))
                .body("items[2].mean_score", is(0.2f));
        given().get("/api/agents/{a}/compare", agentId).then().statusCode(200)
                .body("items.variant_id", contains(null, a, b));
    }

    @Test
    void compareRefusesMalformedIdsAndAnswers404ForUnknownOnes() {
        String agentId = createAgent();
        given().queryParam("variant_ids", "not-a-uuid").get("/api/agents/{a}/compare", agentId).then().statusCode(400)
                .body("errors.field", hasItem("variant_ids"));
        given().queryParam("variant_ids", UUID.randomUUID().toString()).get("/api/agents/{a}/compare", agentId)
                .then().statusCode(404);
        given().get("/api/agents/{a}/compare", UUID.randomUUID()).then().statusCode(404);
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 21; i++) {
            many.append(UUID.randomUUID()).append(',');
        }
        given().queryParam("variant_ids", many.toString()).get("/api/agents/{a}/compare", agentId).then()
                .statusCode(400).body("errors.field", hasItem("variant_ids"));
    }

    @Test
    void historyListsRunsNewestFirstWithCursorPaging() {
        String agentId = createAgent();
        String variantId = createVariant(agentId, "historic");
        List<CloudEvent> events = new ArrayList<>();
        Instant start = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < 5; i++) {
            CloudEvent event = runs.event("run.completed", runs.outcome(agentId, variantId, true, i, 1, 1, null),
                    start.plusSeconds(i));
            events.add(event);
            runs.append(event);
        }
        runs.awaitRecorded(events);

        Response first = given().queryParam("limit", 3).get("/api/agents/{a}/variants/{v}/history", agentId, variantId);
        first.then().statusCode(200).body("items", hasSize(3)).body("items.latency_ms", contains(4, 3, 2));
        Response second = given().queryParam("limit", 3).queryParam("cursor", first.<String>path("next_cursor"))
                .get("/api/agents/{a}/variants/{v}/history", agentId, variantId);
        second.then().statusCode(200).body("items.latency_ms", contains(1, 0)).body("next_cursor", nullValue())
                .body("items[0].event_id", is(events.get(1).id().toString()));
        given().queryParam("cursor", "%%%").get("/api/agents/{a}/variants/{v}/history", agentId, variantId)
                .then().statusCode(400);
        given().get("/api/agents/{a}/variants/{v}/history", agentId, UUID.randomUUID()).then().statusCode(404);
        given().get("/api/agents/{a}/variants/{v}/metrics", agentId, UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void outcomesForUnknownAgentsOrWithoutAgentAreDroppedWithoutBlockingTheStream() {
        CloudEvent stranger = runs.completed(UUID.randomUUID().toString(), null, 1, null);
        CloudEvent anonymous = runs.event("run.completed", runs.outcome(null, null, true, 1, 1, 1, null), Instant.now());
        runs.append(anonymous);
        CloudEvent broken = runs.event("run.failed", runs.outcome("not-a-uuid", null, false, 1, 1, 1, null),
                Instant.now());
        runs.append(broken);
        runs.append(runs.event("run.started", runs.outcome(createAgent(), null, true, 1, 1, 1, null), Instant.now()));
        String agentId = createAgent();
        CloudEvent after = runs.completed(agentId, UUID.randomUUID().toString(), 1, null);

        runs.awaitRecorded(after);
        assertThat(runs.recorded(stranger) + runs.recorded(anonymous) + runs.recorded(broken)).isZero();
        // A variant id that names no variant of the agent is credited to the base config.
        given().get("/api/agents/{a}/compare", agentId).then().body("items[0].runs", is(1));
    }

    @Test
    void aRunThatOverrodeTheAgentsModelOrTemplateIsInTheHistoryMarkedButInNoMetric() {
        String agentId = createAgent();
        String variantId = createVariant(agentId, "faithful");
        CloudEvent faithful = runs.completed(agentId, variantId, 100, 0.9);
        ObjectNode data = runs.outcome(agentId, variantId, true, 5000, 1, 1, 0.1);
        data.putArray("overridden_fields").add("model").add("prompt");
        CloudEvent overriding = runs.event("run.completed", data, Instant.now());
        runs.append(overriding);
        runs.awaitRecorded(faithful, overriding);

        given().get("/api/agents/{a}/variants/{v}/metrics", agentId, variantId).then().statusCode(200)
                .body("runs", is(1)).body("mean_score", is(0.9f)).body("latency_ms.p95", is(100.0f));
        given().get("/api/agents/{a}/compare", agentId).then().statusCode(200)
                .body("items[1].runs", is(1)).body("items[1].mean_score", is(0.9f));
        given().get("/api/agents/{a}/variants/{v}/metrics/series", agentId, variantId).then().statusCode(200)
                .body("points.runs.sum()", is(1));
        given().get("/api/agents/{a}/variants/{v}/history", agentId, variantId).then().statusCode(200)
                .body("items", hasSize(2))
                .body("items.find { it.event_id == '%s' }.counted".formatted(overriding.id()), is(false))
                .body("items.find { it.event_id == '%s' }.overridden_fields".formatted(overriding.id()),
                        contains("model", "prompt"))
                .body("items.find { it.event_id == '%s' }.counted".formatted(faithful.id()), is(true))
                .body("items.find { it.event_id == '%s' }.overridden_fields".formatted(faithful.id()), hasSize(0));
    }

    @Test
    void anOutcomeWhoseOverriddenFieldsAreNotAListOfNamesIsDropped() {
        String agentId = createAgent();
        ObjectNode data = runs.outcome(agentId, null, true, 1, 1, 1, null);
        data.put("overridden_fields", "model");
        CloudEvent broken = runs.event("run.completed", data, Instant.now());
        runs.append(broken);
        CloudEvent after = runs.completed(agentId, null, 1, null);

        runs.awaitRecorded(after);
        assertThat(runs.recorded(broken)).isZero();
    }

    @Test
    void theSeriesBucketsSuccessLatencyAndScoreByTimeOldestFirst() {
        String agentId = createAgent();
        String variantId = createVariant(agentId, "over-time");
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);
        List<CloudEvent> events = List.of(
                runs.event("run.completed", runs.outcome(agentId, variantId, true, 100, 1, 1, 1.0), hour.plusSeconds(60)),
                runs.event("run.failed", runs.outcome(agentId, variantId, false, 300, 1, 1, null), hour.plusSeconds(120)),
                runs.event("run.completed", runs.outcome(agentId, variantId, true, 50, 1, 1, 0.5),
                        hour.plus(2, ChronoUnit.HOURS).plusSeconds(5)),
                runs.event("run.completed", runs.outcome(agentId, variantId, true, 1, 1, 1, null),
                        hour.minus(5, ChronoUnit.DAYS)));
        events.forEach(runs::append);
        runs.awaitRecorded(events);

        given().get("/api/agents/{a}/variants/{v}/metrics/series", agentId, variantId).then().statusCode(200)
                .body("bucket", is("1h")).body("bucket_seconds", is(3600))
                .body("points.start", contains(hour.toString(), hour.plus(2, ChronoUnit.HOURS).toString()))
                .body("points.runs", contains(2, 1))
                .body("points.success_rate", contains(0.5f, 1.0f))
                .body("points[0].latency_ms.p50", is(200.0f))
                .body("points[0].latency_ms.p95", is(290.0f))
                .body("points.mean_score", contains(1.0f, 0.5f));
        given().queryParam("bucket", "1d").queryParam("since", hour.minus(7, ChronoUnit.DAYS).toString())
                .get("/api/agents/{a}/variants/{v}/metrics/series", agentId, variantId).then().statusCode(200)
                .body("points.runs.sum()", is(4));
    }

    @Test
    void badSeriesParametersAre400sNamingThem() {
        String agentId = createAgent();
        String variantId = createVariant(agentId, "series-params");
        for (String bucket : List.of("1w", "0h", "h", "90d", "1.5h")) {
            given().queryParam("bucket", bucket).get("/api/agents/{a}/variants/{v}/metrics/series", agentId, variantId)
                    .then().statusCode(400).contentType(startsWith("application/problem+json"))
                    .body("errors.field", hasItem("bucket"));
        }
        given().queryParam("since", "last week").get("/api/agents/{a}/variants/{v}/metrics/series", agentId, variantId)
                .then().statusCode(400).body("errors.field", hasItem("since"));
        given().queryParam("bucket", "1m").queryParam("since", Instant.now().minus(30, ChronoUnit.DAYS).toString())
                .get("/api/agents/{a}/variants/{v}/metrics/series", agentId, variantId)
                .then().statusCode(400).body("errors.field", hasItem("since"));
        given().get("/api/agents/{a}/variants/{v}/metrics/series", agentId, UUID.randomUUID()).then().statusCode(404);
    }
}
