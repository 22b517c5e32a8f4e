package dev.flywheel.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.cli.config.ConfigError;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AssertionMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Assertion assertion(String type, Object value, Double threshold) {
        return new Assertion(type, JSON.valueToTree(value), threshold, 1.0, null, Path.of("c.yaml"), 7, "tests[0].assert[0].type");
    }

    private static ObjectNode map(String type, Object value) {
        return AssertionMapping.scorer(assertion(type, value, null), "a", JSON.createObjectNode().put("city", "Paris"));
    }

    @Test
    void deterministicTypesMapToCaseSensitiveScorersLikePromptfoo() {
        assertThat(map("equals", "Paris").toString())
                .isEqualTo("{\"name\":\"a\",\"type\":\"exact_match\",\"expected\":\"Paris\",\"case_sensitive\":true}");
        ObjectNode contains = map("contains", "Par");
        assertThat(contains.get("type").asText()).isEqualTo("contains");
        assertThat(contains.get("case_sensitive").asBoolean()).isTrue();
        assertThat(contains.get("values").get(0).asText()).isEqualTo("Par");
        assertThat(map("icontains", "par").get("case_sensitive").asBoolean()).isFalse();
        assertThat(map("contains-any", java.util.List.of("a", "b")).get("mode").asText()).isEqualTo("any");
        assertThat(map("contains-all", "a, b").get("values").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(map("contains-all", "a").get("mode").asText()).isEqualTo("all");
        JsonNode absent = map("not-contains", "Lyon");
        assertThat(absent.get("type").asText()).isEqualTo("keyword");
        assertThat(absent.get("required_absent").get(0).asText()).isEqualTo("Lyon");
        assertThat(absent.get("case_sensitive").asBoolean()).isTrue();
        assertThat(map("regex", "^P\\w+").get("pattern").asText()).isEqualTo("^P\\w+");
        assertThat(map("starts-with", "1+1=(2)").get("pattern").asText()).isEqualTo("^1\\+1=\\(2\\)");
    }

    @Test
    void isJsonCarriesItsSchemaAndLlmRubricItsCriteria() {
        ObjectNode json = map("is-json", java.util.Map.of("type", "object", "required", java.util.List.of("a")));
        assertThat(json.get("type").asText()).isEqualTo("json_valid");
        assertThat(json.get("schema").get("required").get(0).asText()).isEqualTo("a");
        assertThat(AssertionMapping.scorer(new Assertion("is-json", null, null, 1, null, null, 1, "f"), "j",
                JSON.createObjectNode()).has("schema")).isFalse();
        ObjectNode rubric = map("llm-rubric", "Mentions {{city}}");
        assertThat(rubric.get("type").asText()).isEqualTo("llm_judge");
        assertThat(rubric.get("criteria").asText()).isEqualTo("Mentions Paris");
    }

    @Test
    void assertionValuesAreRenderedWithTheTestsVars() {
        assertThat(map("contains", "{{ city }}!").get("values").get(0).asText()).isEqualTo("Paris!");
        assertThat(AssertionMapping.render("{{missing}}-{{city}}", JSON.createObjectNode().put("city", "x"))).isEqualTo("-x");
    }

    @Test
    void thresholdsAreOnePointZeroForDeterministicHalfForRubricsOrTheAssertionsOwn() {
        assertThat(AssertionMapping.threshold(assertion("contains", "x", null))).isEqualTo(1.0);
        assertThat(AssertionMapping.threshold(assertion("llm-rubric", "x", null))).isEqualTo(0.5);
        assertThat(AssertionMapping.threshold(assertion("llm-rubric", "x", 0.8))).isEqualTo(0.8);
        assertThat(AssertionMapping.threshold(assertion("contains", "x", 0.0))).isEqualTo(0.0);
    }

    @Test
    void unmappedAndCodeTypesAndMissingValuesAreRefusedWithTheirLocation() {
        assertThatThrownBy(() -> map("similar", "x")).isInstanceOf(ConfigError.class)
                .hasMessage("c.yaml:7: tests[0].assert[0].type: assertion type 'similar' has no Flywheel scorer; supported: "
                        + String.join(", ", AssertionMapping.mappedTypes()));
        assertThatThrownBy(() -> map("python", "x")).isInstanceOf(ConfigError.class).hasMessageContaining("runs code");
        assertThatThrownBy(() -> map("javascript", "x")).isInstanceOf(ConfigError.class).hasMessageContaining("runs code");
        assertThatThrownBy(() -> map("contains", null)).isInstanceOf(ConfigError.class).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> map("regex", java.util.List.of("a"))).isInstanceOf(ConfigError.class)
                .hasMessageContaining("single value");
        assertThatThrownBy(() -> map("is-json", "not a schema")).isInstanceOf(ConfigError.class)
                .hasMessageContaining("JSON Schema");
    }
}
