package dev.flywheel.selftest.loop;

import java.util.stream.IntStream;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.selftest.probe.ProbeResult;
import dev.flywheel.selftest.support.FakeProbe;
import dev.flywheel.selftest.support.LoopFixture;
import dev.flywheel.selftest.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two orchestrators (replicas) sharing one database: each tick runs one probe between them (SPEC §7). */
@QuarkusTest
class TwoReplicasTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration INTERVAL = Duration.ofMinutes(5);
    private static final Instant TICK = LoopFixture.slotStart(INTERVAL);

    @Inject
    LoopFixture loop;
    @Inject
    TestDatabase database;

    private List<FakeProbe> probes;

    @BeforeEach
    void freshLoop() {
        probes = loop.freshLoop();
    }

    @Test
    void simultaneousTicksOfTwoReplicasRunOneProbe() {
        CountDownLatch release = new CountDownLatch(1);
        // Every probe waits, so the first replica still holds the lock when the second one ticks.
        probes.forEach(probe -> probe.behaving(() -> Uni.createFrom().item(() -> ProbeResult.passed(
                probe.capability(), "ok")).onItem().delayIt().until(ignored -> Uni.createFrom()
                .completionStage(CompletableFuture.runAsync(() -> awaitQuietly(release))))));
        LoopOrchestrator first = replica(TICK.plusSeconds(1));
        LoopOrchestrator second = replica(TICK.plusSeconds(2));

        CompletableFuture<NextTestOutcome> a = first.runScheduledTick().subscribeAsCompletionStage();
        CompletableFuture<NextTestOutcome> b = second.runScheduledTick().subscribeAsCompletionStage();
        NextTestOutcome loser = CompletableFuture.anyOf(a, b).thenApply(NextTestOutcome.class::cast).join();
        release.countDown();
        List<NextTestOutcome> outcomes = List.of(a.join(), b.join());

        assertThat(loser.ran()).isFalse();
        assertThat(loser.skippedBecause()).isEqualTo(SkipReason.ALREADY_RUNNING);
        assertThat(outcomes).filteredOn(NextTestOutcome::ran).hasSize(1);
        assertThat(totalRuns()).isEqualTo(1);
        assertThat(database.count("select count(*) from selftest_events")).isEqualTo(1);
    }

    @Test
    void aReplicaTickingLaterInTheSameIntervalRunsNothing() {
        NextTestOutcome first = replica(TICK.plusSeconds(1)).runScheduledTick().await().atMost(WAIT);
        NextTestOutcome second = replica(TICK.plusSeconds(90)).runScheduledTick().await().atMost(WAIT);

        assertThat(first.ran()).isTrue();
        assertThat(second.ran()).isFalse();
        assertThat(second.skippedBecause()).isEqualTo(SkipReason.TICK_ALREADY_RUN);
        assertThat(totalRuns()).isEqualTo(1);
    }

    @Test
    void theNextIntervalRunsTheNextProbeOnWhicheverReplicaTicksFirst() {
        NextTestOutcome first = replica(TICK.plusSeconds(1)).runScheduledTick().await().atMost(WAIT);
        NextTestOutcome second = replica(TICK.plus(INTERVAL).plusSeconds(1)).runScheduledTick().await().atMost(WAIT);
        NextTestOutcome third = replica(TICK.plus(INTERVAL).plusSeconds(2)).runScheduledTick().await().atMost(WAIT);

        assertThat(first.result().capability()).isNotEqualTo(second.result().capability());
        assertThat(third.ran()).isFalse();
        assertThat(totalRuns()).isEqualTo(2);
    }

    @Test
    void manyReplicasTickingAtOnceStillRunOneProbe() {
        List<CompletableFuture<NextTestOutcome>> ticks = IntStream.range(0, 8)
                .mapToObj(i -> replica(TICK.plusMillis(i)).runScheduledTick().subscribeAsCompletionStage())
                .toList();

        long ran = ticks.stream().map(CompletableFuture::join).filter(NextTestOutcome::ran).count();

        assertThat(ran).isEqualTo(1);
        assertThat(totalRuns()).isEqualTo(1);
    }

    private int totalRuns() {
        return probes.stream().mapToInt(FakeProbe::runs).sum();
    }

    private LoopOrchestrator replica(Instant now) {
        return loop.replica(probes, new LoopSettings(true, INTERVAL, 100, 3, Duration.ofSeconds(20)), now);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
