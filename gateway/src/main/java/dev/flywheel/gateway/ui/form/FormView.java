package dev.flywheel.gateway.ui.form;

import dev.flywheel.gateway.ui.client.ServiceAnswer;
import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What a form template needs: the values to show (what the user typed, or the stored ones when editing),
 * the error of each field, and errors that belong to no field of the form.
 */
@TemplateData
public record FormView(Map<String, String> values, Map<String, String> errors, List<String> general) {

    /** How many problems the form's summary lists. */
    public int problems() {
        return errors.size() + general.size();
    }

    public static FormView of(Map<String, String> values) {
        return new FormView(values, Map.of(), List.of());
    }

    public static FormView empty() {
        return of(Map.of());
    }

    /** The form as typed, with the errors found locally. */
    public static FormView rejected(FormInput input) {
        return new FormView(input.values(), input.errors(), List.of());
    }

    /**
     * The form as typed, with the problems found while reading it and a service's refusal (400, 409, 412): each
     * error goes next to its field when the form has it (a nested field such as {@code overrides.temperature} goes
     * to the form's {@code temperature}), the others above the form; with no errors listed, the problem's detail
     * goes there. A field the form could not read keeps its own message: the service's is about the stand-in sent
     * in its place. Validator wording is put as a person would say it ({@link FieldMessages}).
     */
    public static FormView refused(FormInput input, ServiceAnswer answer, List<String> formFields) {
        return refused(input, answer, formFields, UnaryOperator.identity());
    }

    /** As {@link #refused(FormInput, ServiceAnswer, List)}, with the API's field names renamed to the form's first. */
    public static FormView refused(FormInput input, ServiceAnswer answer, List<String> formFields,
            UnaryOperator<String> rename) {
        Map<String, String> byField = new LinkedHashMap<>(input.errors());
        List<String> general = new ArrayList<>();
        for (Map.Entry<String, String> error : answer.fieldErrors()) {
            String field = rename.apply(error.getKey());
            String last = field.substring(field.lastIndexOf('.') + 1);
            String target = formFields.contains(field) ? field : formFields.contains(last) ? last : null;
            String message = FieldMessages.human(error.getValue());
            if (target == null) {
                general.add(field + ": " + message);
            } else if (!input.errors().containsKey(target)) {
                byField.merge(target, message, (a, b) -> a + "; " + b);
            }
        }
        if (byField.isEmpty() && general.isEmpty()) {
            general.add(answer.detail());
        }
        return new FormView(input.values(), byField, general);
    }
}
