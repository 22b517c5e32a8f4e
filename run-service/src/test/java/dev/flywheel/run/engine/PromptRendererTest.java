package dev.flywheel.run.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flywheel.run.support.Configs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Jinjava rendering: ports seed 002's TestRenderPrompt and checks the sandbox's bounds. */
class PromptRendererTest {

    private final PromptRenderer renderer = new PromptRenderer(Configs.runConfig(Map.of(
            "run.templates.max-output-chars", "2000", "run.templates.render-timeout", "1s")));

    @AfterEach
    void stop() throws InterruptedException {
        renderer.stop();
    }

    @Test
    @DisplayName("seed test_simple_variable")
    void aSimpleVariable() {
        assertThat(renderer.renderNow("Hello {{ name }}!", Map.of("name", "world"))).isEqualTo("Hello world!");
    }

    @Test
    @DisplayName("seed test_prev_output")
    void thePreviousOutput() {
        assertThat(renderer.renderNow("Summarize: {{ prev_output }}", Map.of("prev_output", "The quick brown fox")))
                .isEqualTo("Summarize: The quick brown fox");
    }

    @Test
    @DisplayName("seed test_no_variables")
    void noVariables() {
        assertThat(renderer.renderNow("Static prompt", Map.of())).isEqualTo("Static prompt");
    }

    @Test
    @DisplayName("seed test_nested_context")
    void aNestedContext() {
        assertThat(renderer.renderNow("Model: {{ config.model }}", Map.of("config", Map.of("model", "gpt-4"))))
                .isEqualTo("Model: gpt-4");
    }

    @Test
    @DisplayName("seed test_conditional")
    void aConditional() {
        String template = "{% if input %}Input: {{ input }}{% else %}No input{% endif %}";
        assertThat(renderer.renderNow(template, Map.of("input", "test data"))).isEqualTo("Input: test data");
        assertThat(renderer.renderNow(template, Map.of("input", ""))).isEqualTo("No input");
    }

    @Test
    void stageHistoryIsIndexable() {
        Map<String, Object> context = Map.of("stages", List.of(Map.of("output", "first answer")));
        assertThat(renderer.renderNow("Stage 0 said: {{ stages[0].output }}", context)).isEqualTo("Stage 0 said: first answer");
    }

    @Test
    void anUnknownVariableRendersEmpty() {
        assertThat(renderer.renderNow("[{{ nothing }}]", Map.of())).isEqualTo("[]");
    }

    @Test
    void aSyntaxErrorIsATemplateFailure() {
        assertThatThrownBy(() -> renderer.renderNow("{% if %}oops", Map.of())).isInstanceOf(TemplateFailure.class);
    }

    @Test
    void templatesCannotIncludeFilesOrResources() {
        assertThatThrownBy(() -> renderer.renderNow("{% include 'application.properties' %}", Map.of()))
                .isInstanceOf(TemplateFailure.class);
        assertThatThrownBy(() -> renderer.renderNow("{% import 'application.properties' as p %}", Map.of()))
                .isInstanceOf(TemplateFailure.class);
    }

    @Test
    void templatesReachNoJavaClasses() {
        for (String probe : List.of("{{ input.getClass() }}", "{{ input.class }}", "{{ input.class.forName('java.lang.Runtime') }}")) {
            String rendered;
            try {
                rendered = renderer.renderNow(probe, Map.of("input", "text"));
            } catch (TemplateFailure refused) {
                rendered = "";
            }
            assertThat(rendered).as(probe).doesNotContain("java.lang").doesNotContain("class");
        }
    }

    @Test
    void outputBeyondTheLimitIsAFailure() {
        assertThatThrownBy(() -> renderer.renderNow("{% for i in range(999) %}0123456789{% endfor %}", Map.of()))
                .isInstanceOf(TemplateFailure.class);
    }

    @Test
    void asyncRenderingRunsOffTheCallerAndAnswersTheText() {
        String rendered = renderer.render("Hi {{ who }}", Map.of("who", "there")).await().atMost(Duration.ofSeconds(10));
        assertThat(rendered).isEqualTo("Hi there");
    }

    @Test
    void asyncRenderingReportsTemplateErrors() {
        assertThatThrownBy(() -> renderer.render("{% for %}", Map.of()).await().atMost(Duration.ofSeconds(10)))
                .isInstanceOf(TemplateFailure.class);
    }
}
