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
    }

    @Test
    void aSingleStageRunUsesTheDefaultModelAndAnUncheckedCacheIsOff() {
        MultivaluedHashMap<String, String> form = new MultivaluedHashMap<>();
        form.add("prompt_template", "Hi {{ input }}");
        form.add("prompt_template_2", "   ");

        assertThat(RunForms.run(new FormInput(form)).toString()).isEqualTo(
                "{\"pipeline_stages\":[{\"prompt_template\":\"Hi {{ input }}\",\"model\":\"echo:any\"}],\"cache\":false}");
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
