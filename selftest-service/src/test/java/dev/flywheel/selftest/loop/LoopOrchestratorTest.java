package dev.flywheel.selftest.loop;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import dev.flywheel.selftest.capability.Capability;
import dev.flywheel.selftest.capability.CapabilityStatus;
import dev.flywheel.selftest.probe.ProbeResult;
import dev.flywheel.selftest.probe.TestSequence;
import dev.flywheel.selftest.support.FakeProbe;
import dev.flywheel.selftest.support.LoopFixture;
import dev.flywheel.selftest.support.PublishedEvents;
import dev.flywheel.selftest.support.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The orchestrator's rules (seed 000's orchestrator tests), with fake probes and the real Postgres. */
@QuarkusTest
class LoopOrchestratorTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Inject
    LoopFixture loop;
    @Inject
    TestDatabase database;
    @Inject
    PublishedEvents published;
    @Inject
    MeterRegistry registry;

    private List<FakeProbe> probes;

    @BeforeEach
    void freshLoop() {
        probes = loop.freshLoop();
    }

    @Test
    @DisplayName("seed test_run_next_test_round_robin: six calls run the six probes in order")
    void runNextTestCyclesThroughTheProbesInOrder() {
        LoopOrchestrator orchestrator = orchestrator(enabled(12));
        List<Capability> ran = new ArrayList<>();

        for (int i = 0; i < 6; i++) {
            NextTestOutcome outcome = orchestrator.runNextTest().await().atMost(WAIT);
            assertThat(outcome.ran()).isTrue();
            assertThat(outcome.result()).isNotNull();
            ran.add(outcome.result().capability());
        }

        assertThat(ran).containsExactlyElementsOf(TestSequence.ORDER);
        assertThat(probes).allSatisfy(probe -> assertThat(probe.runs()).isEqualTo(1));
        assertThat(orchestrator.runNextTest().await().atMost(WAIT).result().capability())
                .isEqualTo(Capability.TOOL_USE);
    }

    @Test
    void theRoundRobinPositionSurvivesARestart() {
        orchestrator(enabled(12)).runNextTest().await().atMost(WAIT);

        NextTestOutcome afterRestart = orchestrator(enabled(12)).runNextTest().await().atMost(WAIT);

        assertThat(afterRestart.result().capability()).isEqualTo(TestSequence.ORDER.get(1));
    }

    @Test
    @DisplayName("seed test_run_next_test_disabled: nothing runs when the loop is disabled")
    void runNextTestDoesNothingWhenDisabled() {
        LoopSettings disabled = new LoopSettings(false, Duration.ofMinutes(5), 12, 3, Duration.ofSeconds(10));

        NextTestOutcome outcome = orchestrator(disabled).runNextTest().await().atMost(WAIT);

        assertThat(outcome.ran()).isFalse();
        assertThat(outcome.result()).isNull();
        assertThat(outcome.skippedBecause()).isEqualTo(SkipReason.DISABLED);
        assertThat(probes).allSatisfy(probe -> assertThat(probe.runs()).isZero());
        assertThat(database.count("select count(*) from selftest_events")).isZero();
    }

    @Test
    @DisplayName("seed test_run_next_test_throttle: nothing runs once the hour's budget is spent")
    void runNextTestDoesNothingWhenTheHourlyBudgetIsSpent() {
        database.spendBudget(NOW.truncatedTo(ChronoUnit.HOURS), 100);

        NextTestOutcome outcome = orchestrator(enabled(12)).runNextTest().await().atMost(WAIT);

        assertThat(outcome.result()).isNull();
        assertThat(outcome.skippedBecause()).isEqualTo(SkipReason.HOURLY_BUDGET_SPENT);
        assertThat(probes).allSatisfy(probe -> assertThat(probe.runs()).isZero());
    }

    @Test
    void theBudgetCountsRunsPerUtcHourAndRefillsInTheNextHour() {
        Instant hour = Instant.parse("2026-03-01T09:00:00Z");
        orchestrator(enabled(2), hour.plusSeconds(10)).runNextTest().await().atMost(WAIT);
        orchestrator(enabled(2), hour.plusSeconds(20)).runNextTest().await().atMost(WAIT);

        NextTestOutcome third = orchestrator(enabled(2), hour.plusSeconds(3599)).runNextTest().await().atMost(WAIT);
        NextTestOutcome nextHour = orchestrator(enabled(2), hour.plusSeconds(3600)).runNextTest().await().atMost(WAIT);

        assertThat(third.skippedBecause()).isEqualTo(SkipReason.HOURLY_BUDGET_SPENT);
        assertThat(nextHour.ran()).isTrue();
        assertThat(nextHour.result().capability()).isEqualTo(TestSequence.ORDER.get(2));
    }

    @Test
    void budgetRowsOlderThanADayAreForgotten() {
        Instant hour = NOW.truncatedTo(ChronoUnit.HOURS);
        database.spendBudget(hour.minus(Duration.ofHours(30)), 5);
        database.spendBudget(hour.minus(Duration.ofHours(3)), 5);

        orchestrator(enabled(12)).runNextTest().await().atMost(WAIT);

        assertThat(database.count("select count(*) from hourly_budget")).isEqualTo(2);
        assertThat(database.count("select runs from hourly_budget where hour_start = $1",
                hour.atOffset(ZoneOffset.UTC))).isEqualTo(1);
    }

    @Test
    @DisplayName("seed test_failure_counter_increments: a failure lengthens the streak")
    void aFailureIncrementsTheConsecutiveFailureCount() {
        FakeProbe.find(probes, Capability.TOOL_USE).failingWith("empty stdout", "AssertionError");

        RecordedResult result = orchestrator(enabled(12)).runNextTest().await().atMost(WAIT).result();

        assertThat(database.failures(Capability.TOOL_USE)).isEqualTo(1);
        assertThat(result.consecutiveFailures()).isEqualTo(1);
        assertThat(result.status()).isEqualTo(CapabilityStatus.GREEN);
        assertThat(result.errorType()).isEqualTo("AssertionError");
    }

    @Test
    void theSecondFailureInARowTurnsTheCapabilityYellow() {
        database.setFailures(Capability.TOOL_USE, 1);
        FakeProbe.find(probes, Capability.TOOL_USE).failingWith("still empty", "AssertionError");

        RecordedResult result = orchestrator(enabled(12)).runNextTest().await().atMost(WAIT).result();

        assertThat(result.status()).isEqualTo(CapabilityStatus.YELLOW);
        assertThat(database.proposals(Capability.TOOL_USE, "open")).isZero();
    }

    @Test
    @DisplayName("seed test_failure_counter_resets_on_success: success resets the streak and clears the proposal")
    void aSuccessResetsTheCountAndResolvesTheOpenProposal() {
        database.setFailures(Capability.TOOL_USE, 5);
        database.openProposal(Capability.TOOL_USE);

        RecordedResult result = orchestrator(enabled(12)).runNextTest().await().atMost(WAIT).result();

        assertThat(database.failures(Capability.TOOL_USE)).isZero();
        assertThat(database.proposals(Capability.TOOL_USE, "open")).isZero();
        assertThat(database.proposals(Capability.TOOL_USE, "resolved")).isEqualTo(1);
        assertThat(result.resolvedProposalId()).isNotNull();
        await().atMost(WAIT).until(() -> !published.ofType("selftest.proposal_resolved",
                data -> data.path("proposal_id").asText().equals(result.resolvedProposalId().toString())).isEmpty());
    }

    @Test
    @DisplayName("seed test_upgrade_proposal_filed_at_threshold: reaching the threshold files a TOOL_USE proposal")
    void reachingTheThresholdFilesOneProposal() {
        database.setFailures(Capability.TOOL_USE, 2);
        FakeProbe.find(probes, Capability.TOOL_USE).failingWith("empty stdout", "AssertionError");

        RecordedResult result = orchestrator(enabled(12)).runNextTest().await().atMost(WAIT).result();

        assertThat(result.status()).isEqualTo(CapabilityStatus.RED);
        assertThat(result.filedProposalId()).isNotNull();
        assertThat(database.proposals(Capability.TOOL_USE, "open")).isEqualTo(1);
        assertThat(database.count("select count(*) from proposals where id = $1 and title like '%TOOL_USE%'"
                + " and body like '%empty stdout%'", result.filedProposalId())).isEqualTo(1);
        await().atMost(WAIT).until(() -> !published.ofType("selftest.proposal_filed",
                data -> data.path("proposal_id").asText().equals(result.filedProposalId().toString())
                        && data.path("title").asText().contains("TOOL_USE")).isEmpty());
    }

    @Test
    @DisplayName("seed test_upgrade_proposal_not_refiled: an open proposal is not filed again")
    void anOpenProposalIsNotFiledAgain() {
        database.setFailures(Capability.TOOL_USE, 5);
        database.openProposal(Capability.TOOL_USE);
        FakeProbe.find(probes, Capability.TOOL_USE).failingWith("still broken", "RuntimeError");

        RecordedResult result = orchestrator(enabled(12)).runNextTest().await().atMost(WAIT).result();

        assertThat(result.filedProposalId()).isNull();
        assertThat(result.consecutiveFailures()).isEqualTo(6);
        assertThat(database.count("select count(*) from proposals where capability = 'tool_use'")).isEqualTo(1);
    }

    @Test
    void aRecoveredCapabilityGetsANewProposalOnItsNextFailingStreak() {
        FakeProbe toolUse = FakeProbe.find(probes, Capability.TOOL_USE);
        LoopOrchestrator orchestrator = orchestrator(enabled(100));
        toolUse.failingWith("down", "ToolFailed");
        runRounds(orchestrator, 3);
        toolUse.answering(ProbeResult.passed(Capability.TOOL_USE, "back"));
        runRounds(orchestrator, 1);
        toolUse.failingWith("down again", "ToolFailed");
        runRounds(orchestrator, 3);

        assertThat(database.proposals(Capability.TOOL_USE, "resolved")).isEqualTo(1);
        assertThat(database.proposals(Capability.TOOL_USE, "open")).isEqualTo(1);
    }

    @Test
    @DisplayName("seed test_graceful_on_probe_crash: a crashing probe is a failure result, not a crash")
    void aCrashingProbeIsRecordedAsAFailure() {
        FakeProbe.find(probes, Capability.TOOL_USE).throwing(new IllegalStateException("probe exploded"));

        NextTestOutcome outcome = orchestrator(enabled(12)).runNextTest().await().atMost(WAIT);

        assertThat(outcome.result()).isNotNull();
        assertThat(outcome.result().success()).isFalse();
        assertThat(outcome.result().errorType()).isEqualTo("IllegalStateException");
        assertThat(outcome.result().details()).isEqualTo("probe exploded");
        assertThat(database.failures(Capability.TOOL_USE)).isEqualTo(1);
    }

    @Test
    void aHangingProbeFailsAfterTheProbeTimeoutAndTheLoopGoesOn() {
        FakeProbe.find(probes, Capability.TOOL_USE).behaving(() -> Uni.createFrom().nothing());
        LoopOrchestrator orchestrator = orchestrator(
                new LoopSettings(true, Duration.ofMinutes(5), 12, 3, Duration.ofMillis(300)));

        RecordedResult hung = orchestrator.runNextTest().await().atMost(WAIT).result();
        RecordedResult next = orchestrator.runNextTest().await().atMost(WAIT).result();

        assertThat(hung.errorType()).isEqualTo("TimeoutException");
        assertThat(next.capability()).isEqualTo(TestSequence.ORDER.get(1));
        assertThat(next.success()).isTrue();
    }

    @Test
    void aResultIsRecordedForTheProbeThatRanWhateverCapabilityItClaims() {
        FakeProbe.find(probes, Capability.TOOL_USE).answering(
                ProbeResult.failed(Capability.MEMORY_READ, "confused", "Mislabelled"));

        RecordedResult result = orchestrator(enabled(12)).runNextTest().await().atMost(WAIT).result();

        assertThat(result.capability()).isEqualTo(Capability.TOOL_USE);
        assertThat(database.failures(Capability.TOOL_USE)).isEqualTo(1);
        assertThat(database.failures(Capability.MEMORY_READ)).isZero();
    }

    @Test
    void committedResultsAreCountedForPrometheus() {
        double before = toolUseFailuresCounted();
        FakeProbe.find(probes, Capability.TOOL_USE).failingWith("down", "ToolFailed");

        orchestrator(enabled(12)).runNextTest().await().atMost(WAIT);

        assertThat(toolUseFailuresCounted()).isEqualTo(before + 1);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("selftest_probe_results_total{capability=\"tool_use\",outcome=\"failure\""))
                .body(containsString("selftest_probe_duration_seconds_count{capability=\"tool_use\""));
    }

    @Test
    void everyResultIsStoredAndPublishedAsAnEvent() {
        RecordedResult result = orchestrator(enabled(12)).runNextTest().await().atMost(WAIT).result();

        assertThat(database.count("select count(*) from selftest_events where id = $1 and capability = 'tool_use'"
                + " and success and trigger_kind = 'run_next'", result.eventId())).isEqualTo(1);
        await().atMost(WAIT).until(() -> !published.ofType("selftest.result",
                data -> data.path("event_id").asText().equals(result.eventId().toString())
                        && data.path("capability").asText().equals("tool_use")).isEmpty());
    }

    @Test
    void runAllRunsEverySixOutsideTheBudgetEvenWhenDisabled() {
        database.spendBudget(NOW.truncatedTo(ChronoUnit.HOURS), 100);
        LoopSettings disabled = new LoopSettings(false, Duration.ofMinutes(5), 12, 3, Duration.ofSeconds(10));

        List<RecordedResult> results = orchestrator(disabled).runAll().await().atMost(WAIT);

        assertThat(results).extracting(RecordedResult::capability).containsExactlyElementsOf(TestSequence.ORDER);
        assertThat(results).extracting(RecordedResult::trigger).containsOnly(Trigger.RUN_ALL);
        assertThat(database.count("select runs from hourly_budget")).isEqualTo(100);
    }

    private double toolUseFailuresCounted() {
        return registry.counter(ProbeMetrics.RESULTS, "capability", "tool_use", "outcome", "failure", "trigger",
                "run_next").count();
    }

    private void runRounds(LoopOrchestrator orchestrator, int rounds) {
        for (int i = 0; i < rounds * TestSequence.ORDER.size(); i++) {
            orchestrator.runNextTest().await().atMost(WAIT);
        }
    }

    private LoopOrchestrator orchestrator(LoopSettings settings) {
        return orchestrator(settings, NOW);
    }

    private LoopOrchestrator orchestrator(LoopSettings settings, Instant now) {
        return loop.replica(probes, settings, now);
    }

    private static LoopSettings enabled(int maxPerHour) {
        return new LoopSettings(true, Duration.ofMinutes(5), maxPerHour, 3, Duration.ofSeconds(10));
    }
}
