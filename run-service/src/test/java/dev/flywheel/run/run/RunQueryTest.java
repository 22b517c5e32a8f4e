package dev.flywheel.run.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flywheel.common.paging.Cursor;
import dev.flywheel.common.problem.InvalidInput;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The runs list's query parameters: what parses, and which parameter a bad value is blamed on. */
class RunQueryTest {

    @Test
    void noParametersMeanEveryRunNewestFirst() {
        RunQuery query = RunQuery.parse(null, null, null, null, null, null, null, null, null, null);

        assertThat(query).isEqualTo(new RunQuery(null, null, null, null, null, null, null, null, RunQuery.Sort.CREATED_AT,
                false));
    }

    @Test
    void everyFilterAndOrderIsRead() {
        UUID experiment = UUID.randomUUID();
        UUID agent = UUID.randomUUID();

        RunQuery query = RunQuery.parse(experiment.toString(), "completed", " openai:gpt-4o ", agent.toString(), "0.25",
                "1", "0", "1500", "Score", "ASC");

        assertThat(query).isEqualTo(new RunQuery(experiment, "completed", "openai:gpt-4o", agent, 0.25, 1.0, 0L, 1500L,
                RunQuery.Sort.SCORE, true));
    }

    @Test
    void blankParametersAreLeftOutLikeAbsentOnes() {
        RunQuery query = RunQuery.parse("", " ", "", "", "", "", "", "", "", "");

        assertThat(query.sort()).isEqualTo(RunQuery.Sort.CREATED_AT);
        assertThat(query.status()).isNull();
        assertThat(query.model()).isNull();
    }

    @Test
    void eachBadValueNamesItsParameter() {
        assertBlames("experiment_id", () -> RunQuery.parse("abc", null, null, null, null, null, null, null, null, null));
        assertBlames("status", () -> RunQuery.parse(null, "exploded", null, null, null, null, null, null, null, null));
        assertBlames("agent_id", () -> RunQuery.parse(null, null, null, "1", null, null, null, null, null, null));
        assertBlames("min_score", () -> RunQuery.parse(null, null, null, null, "high", null, null, null, null, null));
        assertBlames("max_score", () -> RunQuery.parse(null, null, null, null, null, "1.5", null, null, null, null));
        assertBlames("min_score", () -> RunQuery.parse(null, null, null, null, "0.9", "0.1", null, null, null, null));
        assertBlames("min_latency_ms", () -> RunQuery.parse(null, null, null, null, null, null, "-1", null, null, null));
        assertBlames("max_latency_ms", () -> RunQuery.parse(null, null, null, null, null, null, null, "1.5", null, null));
        assertBlames("min_latency_ms", () -> RunQuery.parse(null, null, null, null, null, null, "20", "10", null, null));
        assertBlames("sort", () -> RunQuery.parse(null, null, null, null, null, null, null, null, "tokens", null));
        assertBlames("order", () -> RunQuery.parse(null, null, null, null, null, null, null, null, null, "up"));
    }

    @Test
    void aSortedCursorRoundTripsIncludingTheEndsOfTheOrder() {
        UUID id = UUID.randomUUID();

        assertThat(SortedCursor.decode(new SortedCursor(0.75, id).encode())).isEqualTo(new SortedCursor(0.75, id));
        assertThat(SortedCursor.decode(new SortedCursor(Double.NEGATIVE_INFINITY, id).encode()).key())
                .isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void aModelFilterPostgresCannotCompareIsRefusedNamingIt() {
        assertBlames("model", () -> RunQuery.parse(null, null, "echo\u0000any", null, null, null, null, null, null, null));
        assertThat(RunQuery.parse(null, null, "  echo:any ", null, null, null, null, null, null, null).model())
                .isEqualTo("echo:any");
    }

    @Test
    void aCursorOfOneOrderIsRefusedByTheOther() {
        String byTime = new Cursor(java.time.Instant.now(), UUID.randomUUID()).encode();
        String byKey = new SortedCursor(1.0, UUID.randomUUID()).encode();

        assertBlames("cursor", () -> SortedCursor.decode(byTime));
        assertBlames("cursor", () -> Cursor.decode(byKey));
    }

    private static void assertBlames(String parameter, Runnable parse) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.errors()).singleElement().satisfies(error -> assertThat(error.field()).isEqualTo(parameter)));
    }
}
