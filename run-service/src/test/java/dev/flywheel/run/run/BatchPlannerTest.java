package dev.flywheel.run.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.flywheel.common.problem.InvalidInput;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchPlannerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void theMatrixHasEveryCombinationTimesTheRepeats() throws Exception {
        BatchRequest batch = new BatchRequest(List.of("a", "b"), List.of("echo:x", "echo:y"),
                MAPPER.readTree("{\"temperature\":[0.1,0.9],\"top_p\":[1]}"), List.of(new TextNode("i1"), new TextNode("i2")), 3,
                null, false, null, null, null);

        List<RunRequest> runs = BatchPlanner.expand(batch, 1000);

        assertThat(runs).hasSize(2 * 2 * 2 * 2 * 3);
        assertThat(runs).extracting(RunRequest::repeatIndex).containsOnly(0, 1, 2);
        assertThat(runs).allSatisfy(run -> {
            assertThat(run.cacheEnabled()).isFalse();
            assertThat(run.params().get("top_p").asInt()).isEqualTo(1);
        });
        assertThat(runs.stream().map(r -> r.prompt() + r.model() + r.params() + r.inputData() + r.repeatIndex()).distinct())
                .hasSize(48);
    }

    @Test
    void missingDimensionsCountOnce() {
        List<RunRequest> runs = BatchPlanner.expand(new BatchRequest(List.of("only"), null, null, null, null, null, null,
                null, null, null), 10);
        assertThat(runs).singleElement().satisfies(run -> {
            assertThat(run.prompt()).isEqualTo("only");
            assertThat(run.model()).isNull();
            assertThat(run.repeatIndex()).isZero();
        });
    }

    @Test
    void aGridValueMustBeANonEmptyList() throws Exception {
        BatchRequest batch = new BatchRequest(List.of("a"), null, MAPPER.readTree("{\"temperature\":0.5}"), null, null, null,
                null, null, null, null);
        assertThatThrownBy(() -> BatchPlanner.expand(batch, 10)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("params_grid.temperature");
    }

    @Test
    void aBatchOverTheLimitIsRefused() {
        BatchRequest batch = new BatchRequest(List.of("a", "b", "c"), null, null, null, 5, null, null, null, null, null);
        assertThatThrownBy(() -> BatchPlanner.expand(batch, 14)).isInstanceOf(InvalidInput.class).hasMessageContaining("15");
    }
}
