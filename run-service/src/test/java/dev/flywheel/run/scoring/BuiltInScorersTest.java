package dev.flywheel.run.scoring;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.flywheel.common.problem.InvalidInput;
import dev.flywheel.run.support.TestData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The seven built-in scorers, their spec checks, and what Scorers does around them. */
@QuarkusTest
class BuiltInScorersTest {

    @Inject
    Scorers scorers;
    @Inject
    ObjectMapper mapper;
    @ConfigProperty(name = "wiremock.port")
    int port;

    @Test
    void exactMatchComparesTrimmedOutputWithTheExpectedTextOrTheInput() {
        assertThat(score("{\"type\":\"exact_match\",\"expected\":\"Paris\"}", "in", " Paris\n")).isEqualTo(1.0);
        assertThat(score("{\"type\":\"exact_match\",\"expected\":\"Paris\"}", "in", "paris")).isEqualTo(0.0);
        assertThat(score("{\"type\":\"exact_match\",\"expected\":\"Paris\",\"case_sensitive\":false}", "in", "paris")).isEqualTo(1.0);
        assertThat(score("{\"type\":\"exact_match\"}", "echo me", "echo me")).isEqualTo(1.0);
    }

    @Test
    void containsChecksAllOrAnyOfTheValues() {
        String all = "{\"type\":\"contains\",\"values\":[\"red\",\"blue\"]}";
        assertThat(score(all, "", "Red and BLUE")).isEqualTo(1.0);
        assertThat(score(all, "", "only red")).isEqualTo(0.0);
        assertThat(score("{\"type\":\"contains\",\"values\":[\"red\",\"blue\"],\"mode\":\"any\"}", "", "only red")).isEqualTo(1.0);
        assertThat(score("{\"type\":\"contains\",\"values\":[\"Red\"],\"case_sensitive\":true}", "", "red")).isEqualTo(0.0);
    }

    @Test
    void regexFindsOrFullyMatchesWithRe2() {
        assertThat(score("{\"type\":\"regex\",\"pattern\":\"\\\\d{3}-\\\\d{4}\"}", "", "call 555-1234 now")).isEqualTo(1.0);
        assertThat(score("{\"type\":\"regex\",\"pattern\":\"\\\\d{3}-\\\\d{4}\",\"full_match\":true}", "", "call 555-1234")).isEqualTo(0.0);
        assertThat(score("{\"type\":\"regex\",\"pattern\":\"^yes$\",\"case_sensitive\":false}", "", "YES")).isEqualTo(1.0);
    }

    @Test
    void aCatastrophicBacktrackingPatternRunsInLinearTime() {
        String evil = "a".repeat(50_000) + "!";
        long started = System.nanoTime();
        assertThat(score("{\"type\":\"regex\",\"pattern\":\"^(a+)+$\"}", "", evil)).isEqualTo(0.0);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void jsonValidAcceptsJsonOptionallyFencedAndChecksASchema() {
        assertThat(score("{\"type\":\"json_valid\"}", "", "{\"a\": 1}")).isEqualTo(1.0);
        assertThat(score("{\"type\":\"json_valid\"}", "", "```json\n{\"a\": 1}\n```")).isEqualTo(1.0);
        assertThat(score("{\"type\":\"json_valid\"}", "", "{not json")).isEqualTo(0.0);
        String schema = "{\"type\":\"json_valid\",\"schema\":{\"type\":\"object\",\"required\":[\"answer\"],"
                + "\"properties\":{\"answer\":{\"type\":\"integer\"}}}}";
        assertThat(score(schema, "", "{\"answer\": 42}")).isEqualTo(1.0);
        assertThat(score(schema, "", "{\"answer\": \"42\"}")).isEqualTo(0.0);
        assertThat(score(schema, "", "{}")).isEqualTo(0.0);
    }

    @Test
    void lengthChecksBoundsInCharsOrWords() {
        assertThat(score("{\"type\":\"length\",\"min\":3,\"max\":5}", "", "abcd")).isEqualTo(1.0);
        assertThat(score("{\"type\":\"length\",\"min\":3,\"max\":5}", "", "abcdef")).isEqualTo(0.0);
        assertThat(score("{\"type\":\"length\",\"max\":2,\"unit\":\"words\"}", "", "two words")).isEqualTo(1.0);
        assertThat(score("{\"type\":\"length\",\"min\":3,\"unit\":\"words\"}", "", "two words")).isEqualTo(0.0);
    }

    @Test
    void keywordScoresTheShareOfRulesKept() {
        String spec = "{\"type\":\"keyword\",\"required_present\":[\"refund\",\"order\"],\"required_absent\":[\"sorry\"]}";
        assertThat(score(spec, "", "Your order refund is on its way")).isEqualTo(1.0);
        assertThat(score(spec, "", "Sorry, your order is late")).isCloseTo(1.0 / 3, within(1e-9));
    }

    @Test
    void llmJudgeAsksAModelAndNormalisesItsRating() {
        WireMock judge = new WireMock("localhost", port);
        String marker = TestData.marker();
        judge.register(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing(marker))
                .willReturn(okJson("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"Rating: 8\"}}],"
                        + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}")));

        double value = score("{\"type\":\"llm_judge\",\"model\":\"openai:judge\",\"criteria\":\"Is it polite? " + marker + "\"}",
                "question", "answer");

        assertThat(value).isCloseTo(7.0 / 9, within(1e-9));
    }

    @Test
    void aJudgeAnswerWithoutARatingIsAScorerError() {
        List<ScorerOutcome> outcomes = apply("[{\"type\":\"llm_judge\",\"model\":\"mock:judge\"}]", "q", "a");
        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.succeeded()).isFalse();
            assertThat(outcome.error()).contains("no rating");
        });
    }

    @Test
    void badSpecsAre400sNamingTheOption() {
        assertInvalid("[{\"type\":\"regex\",\"pattern\":\"(\"}]", "scorers[0].pattern");
        assertInvalid("[{\"type\":\"regex\"}]", "scorers[0].pattern");
        assertInvalid("[{\"type\":\"contains\",\"values\":[]}]", "scorers[0].values");
        assertInvalid("[{\"type\":\"contains\",\"values\":[\"a\"],\"mode\":\"most\"}]", "scorers[0].mode");
        assertInvalid("[{\"type\":\"length\"}]", "scorers[0].min");
        assertInvalid("[{\"type\":\"length\",\"min\":5,\"max\":1}]", "scorers[0].max");
        assertInvalid("[{\"type\":\"keyword\"}]", "scorers[0].required_present");
        assertInvalid("[{\"type\":\"json_valid\",\"schema\":\"nope\"}]", "scorers[0].schema");
        assertInvalid("[{\"type\":\"llm_judge\",\"model\":\"nosuch:judge\"}]", "scorers[0].model");
        assertInvalid("[{\"type\":\"fixed\"},{\"type\":\"fixed\"}]", "scorers[1].name");
        assertInvalid("[{\"name\":\"typeless\"}]", "scorers[0].type");
        assertInvalid("{\"type\":\"fixed\"}", "scorers");
    }

    private double score(String spec, String input, String output) {
        List<ScorerOutcome> outcomes = apply("[" + spec + "]", input, output);
        assertThat(outcomes).singleElement().satisfies(outcome -> assertThat(outcome.error()).isNull());
        return outcomes.get(0).value();
    }

    private List<ScorerOutcome> apply(String specs, String input, String output) {
        List<Scorer> built = scorers.build(json(specs), "scorers");
        return scorers.apply(built, new ScoringInput(new TextNode(input), output, mapper.createObjectNode()))
                .await().atMost(Duration.ofSeconds(30));
    }

    private void assertInvalid(String specs, String field) {
        assertThatThrownBy(() -> scorers.build(json(specs), "scorers")).isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).errors()).singleElement()
                        .satisfies(error -> assertThat(error.field()).isEqualTo(field)));
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
