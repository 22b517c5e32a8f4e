package dev.flywheel.run.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders every golden of the conformance corpus (src/test/jinja2/corpus.py, rendered by Python's Jinja2 with
 * {@code jinja2.Environment()}) and compares: the same text, or the same refusal (Jinja2's exception class, message
 * and line). Regenerate the goldens with {@code python3 run-service/src/test/jinja2/generate.py}.
 */
class Jinja2ConformanceTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TemplateEngine ENGINE = new TemplateEngine(1000);

    static Stream<Named<JsonNode>> goldens() throws IOException {
        List<Named<JsonNode>> cases = new ArrayList<>();
        for (JsonNode golden : load().get("cases")) {
            cases.add(Named.of(golden.get("name").asText(), golden));
        }
        return cases.stream();
    }

    private static JsonNode load() throws IOException {
        try (InputStream in = Jinja2ConformanceTest.class.getResourceAsStream("/jinja2/goldens.json")) {
            return MAPPER.readTree(in);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void rendersAsJinja2Does(JsonNode golden) {
        String template = golden.get("template").asText();
        @SuppressWarnings("unchecked")
        Map<String, Object> context = MAPPER.convertValue(golden.get("context"), Map.class);
        if (golden.has("output")) {
            assertThat(ENGINE.render(template, context, TemplateLimits.defaults()))
                    .as("template %s", template)
                    .isEqualTo(golden.get("output").asText());
            return;
        }
        JsonNode error = golden.get("error");
        assertThatThrownBy(() -> ENGINE.render(template, context, TemplateLimits.defaults()))
                .as("template %s", template)
                .isInstanceOfSatisfying(TemplateError.class, failure -> {
                    assertThat(failure.getMessage()).isEqualTo(error.get("message").asText());
                    assertThat(failure.kind()).isEqualTo(error.get("class").asText());
                    if (error.hasNonNull("line")) {
                        assertThat(failure.line()).isEqualTo(error.get("line").asInt());
                    }
                });
    }

    @Test
    void theCorpusIsLargeAndCoversRefusals() throws IOException {
        JsonNode cases = load().get("cases");
        assertThat(cases.size()).isGreaterThanOrEqualTo(150);
        long refusals = 0;
        for (JsonNode golden : cases) {
            refusals += golden.has("error") ? 1 : 0;
        }
        assertThat(refusals).isGreaterThanOrEqualTo(20);
    }
}
