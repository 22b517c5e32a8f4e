package dev.flywheel.gateway.ui.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigDiffTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void everyFieldIsListedAndOnlyThoseThatDifferAreMarked() throws Exception {
        ConfigDiff diff = ConfigDiff.of(List.of("base", "fast"), List.of(
                MAPPER.readTree("{\"model_provider\":\"openai\",\"model_name\":\"gpt-4o\",\"temperature\":0.2}"),
                MAPPER.readTree("{\"model_provider\":\"openai\",\"model_name\":\"gpt-4o-mini\",\"temperature\":0.2}")));

        assertThat(diff.rows()).extracting(ConfigDiff.Row::field).isEqualTo(ConfigDiff.FIELDS);
        assertThat(diff.rows()).filteredOn(ConfigDiff.Row::differs).extracting(ConfigDiff.Row::field)
                .containsExactly("model_name");
        assertThat(diff.rows().get(1).values()).containsExactly("gpt-4o", "gpt-4o-mini");
        assertThat(diff.rows().get(5).values()).containsExactly("0.2", "0.2");
    }
}
