package dev.flywheel.selftest.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.common.context.SafeContext;
import dev.flywheel.selftest.capability.Capability;
import dev.flywheel.selftest.memory.Fact;
import dev.flywheel.selftest.support.TestDatabase;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The probes that need only this service's own Postgres, against the real database. */
@QuarkusTest
class LocalProbesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    TestSequence sequence;
    @Inject
    MemoryWriteProbe memoryWrite;
    @Inject
    MemoryReadProbe memoryRead;
    @Inject
    SelfCodingProbe selfCoding;
    @Inject
    LightningEconProbe lightningEcon;
    @Inject
    TestDatabase database;
    @Inject
    Vertx vertx;

    @BeforeEach
    void freshState() {
        database.reset();
    }

    @Test
    @DisplayName("seed test_probe_registry_has_six_entries: the sequence covers all six capabilities once")
    void theSequenceHasOneProbePerCapability() {
        assertThat(sequence.size()).isEqualTo(6);
        assertThat(EnumSet.copyOf(sequence.probes().stream().map(CapabilityProbe::capability).toList()))
                .isEqualTo(EnumSet.allOf(Capability.class));
    }

    @Test
    @DisplayName("seed test_t3_memory_write: a self_test_marker fact is stored")
    void memoryWriteStoresASelfTestMarkerFact() {
        ProbeResult result = run(memoryWrite);

        assertThat(result.success()).isTrue();
        assertThat(result.capability()).isEqualTo(Capability.MEMORY_WRITE);
        assertThat(database.factContents(Fact.SELF_TEST_MARKER)).singleElement().satisfies(marker -> {
            assertThat(marker).startsWith("self_test_marker_");
            assertThat(result.details()).contains(marker);
        });
    }

    @Test
    void everyMemoryWriteUsesAFreshMarker() {
        run(memoryWrite);
        run(memoryWrite);

        assertThat(database.factContents(Fact.SELF_TEST_MARKER)).hasSize(2).doesNotHaveDuplicates()
                .allMatch(marker -> marker.startsWith("self_test_marker_"));
    }

    @Test
    void pruningKeepsTheNewestSelfTestFactsAndNoOthers() {
        for (int i = 0; i < 4; i++) {
            database.addFact(Fact.SELF_TEST_MARKER, "marker-" + i);
        }
        database.addFact("shopping_list", "milk");

        SafeContext.run(vertx, () -> Panache.withTransaction(() -> Fact.pruneKeepingLatest(Fact.SELF_TEST_MARKER, 2)))
                .await().atMost(WAIT);

        assertThat(database.count("select count(*) from facts where category = $1", Fact.SELF_TEST_MARKER))
                .isEqualTo(2);
        assertThat(database.facts(Fact.SELF_TEST_MARKER, "marker-3")).isEqualTo(1);
        assertThat(database.facts(Fact.SELF_TEST_MARKER, "marker-0")).isZero();
        assertThat(database.facts("shopping_list", "milk")).isEqualTo(1);
    }

    @Test
    @DisplayName("seed test_t4_memory_read: facts of category self_test_marker are retrievable")
    void memoryReadFindsSelfTestMarkerFacts() {
        database.addFact(Fact.SELF_TEST_MARKER, "test_marker_123");

        ProbeResult result = run(memoryRead);

        assertThat(result.success()).isTrue();
        assertThat(result.details()).contains("test_marker_123");
    }

    @Test
    @DisplayName("seed test_t4_memory_read_empty: no facts is a failure")
    void memoryReadFailsWithoutFacts() {
        ProbeResult result = run(memoryRead);

        assertThat(result.success()).isFalse();
        assertThat(result.errorType()).isEqualTo("NoFacts");
    }

    @Test
    void memoryReadIgnoresFactsOfOtherCategories() {
        database.addFact("shopping_list", "milk");

        assertThat(run(memoryRead).success()).isFalse();
    }

    @Test
    void memoryReadFindsWhatMemoryWriteStored() {
        run(memoryWrite);

        assertThat(run(memoryRead).success()).isTrue();
    }

    @Test
    @DisplayName("seed test_t5_self_coding: a Self-Test Note is written and read back")
    void selfCodingWritesANoteAndReadsItBack() {
        ProbeResult result = run(selfCoding);

        assertThat(result.success()).isTrue();
        assertThat(database.count("select count(*) from notes where title = $1 and body like $2",
                SelfCodingProbe.TITLE, "%Improvement sketch%")).isEqualTo(1);
    }

    @Test
    @DisplayName("seed test_t6_lightning_econ_placeholder: always passes, pending v2")
    void lightningEconIsAPlaceholderThatPasses() {
        ProbeResult result = run(lightningEcon);

        assertThat(result.success()).isTrue();
        assertThat(result.details().toLowerCase()).contains("pending").contains("v2");
    }

    private ProbeResult run(CapabilityProbe probe) {
        return SafeContext.run(vertx, probe::run).await().atMost(WAIT);
    }
}
