package dev.flywheel.gateway.ui.runs;

import dev.flywheel.gateway.ui.client.ServiceAnswer;
import io.quarkus.qute.TemplateData;
import java.util.stream.Collectors;

/** A prompt as run-service rendered it, or why it could not (the template's line, a missing agent, …). */
@TemplateData
public record PromptPreview(String output, String error) {

    static PromptPreview rendered(String output) {
        return new PromptPreview(output, null);
    }

    /** A refusal in run-service's words: its field errors, else its detail; anything but a 400 fails the page. */
    static PromptPreview refused(ServiceAnswer answer) {
        if (!answer.invalidInput()) {
            answer.orFail();
        }
        String errors = answer.fieldErrors().stream().map(error -> RunForms.formField(error.getKey()) + ": " + error.getValue())
                .collect(Collectors.joining("; "));
        return new PromptPreview(null, errors.isEmpty() ? answer.detail() : errors);
    }

    /** For a template that reads {@code preview.failed}. */
    public boolean failed() {
        return error != null;
    }
}
