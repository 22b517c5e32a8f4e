package dev.flywheel.gateway.ui.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.gateway.ui.form.FormInput;
import jakarta.ws.rs.core.MultivaluedHashMap;
import org.junit.jupiter.api.Test;

class RunFormsTest {

    @Test
    void stageFieldsMapBackToTheirInputs() {
        assertThat(RunForms.formField("pipeline_stages[0].prompt_template")).isEqualTo("prompt_template");
        assertThat(RunForms.formField("pipeline_stages[1].model")).isEqualTo("model_2");
        assertThat(RunForms.formField("prompts[3]")).isEqualTo("prompts");
        assertThat(RunForms.formField("repeat")).isEqualTo("repeat");
        assertThat(RunForms.formField("prompt")).isEqualTo("prompt_template");
    }

    @Test
    void aSingleStageRunSendsItsPromptAndNoModelWhenNoneWasTypedAndAnUncheckedCacheIsOff() {
        MultivaluedHashMap<String, String> form = new MultivaluedHashMap<>();
        form.add("prompt_template", "Hi {{ input }}");
        form.add("model", "  ");
        form.add("prompt_template_2", "   ");

        assertThat(RunForms.run(new FormInput(form)).toString()).isEqualTo(
                "{\"prompt\":\"Hi {{ input }}\",\"cache\":false}");
    }

    @Test
    void anAgentRunWithNothingElseFilledInSendsOnlyTheAgentAndInput() {
        MultivaluedHashMap<String, String> form = new MultivaluedHashMap<>();
        form.add("agent_slug", "support-bot");
        form.add("prompt_template", "");
        form.add("model", "");
        form.add("input_data", "hello");
        form.add("scorers", " ");

        assertThat(RunForms.run(new FormInput(form)).toString()).isEqualTo(
                "{\"input_data\":\"hello\",\"agent_slug\":\"support-bot\",\"cache\":false}");
    }

    @Test
    void aSecondStageWithAnEmptyFirstSendsTheEmptyTemplateForRunServiceToName() {
        MultivaluedHashMap<String, String> form = new MultivaluedHashMap<>();
        form.add("prompt_template_2", "Quote {{ prev_output }}");
        form.add("model_2", "openai:gpt-4o-mini");

        assertThat(RunForms.run(new FormInput(form)).toString()).isEqualTo("{\"pipeline_stages\":[{\"prompt_template\":\"\"},"
                + "{\"prompt_template\":\"Quote {{ prev_output }}\",\"model\":\"openai:gpt-4o-mini\"}],\"cache\":false}");
    }

    @Test
    void aBatchWithoutModelsRunsOnEcho() {
        MultivaluedHashMap<String, String> form = new MultivaluedHashMap<>();
        form.add("prompts", "a\n\n b \n");
        form.add("cache", "on");

        assertThat(RunForms.batch(new FormInput(form)).toString())
                .isEqualTo("{\"prompts\":[\"a\",\"b\"],\"models\":[\"echo:any\"],\"cache\":true}");
    }
}
