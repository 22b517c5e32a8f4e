package dev.flywheel.gateway.ui.form;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.gateway.ui.client.ServiceAnswer;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormViewTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> FIELDS = List.of("variant_name", "temperature", "model_2");

    private static ServiceAnswer problem(String json) throws Exception {
        return new ServiceAnswer("variant-service", 400, MAPPER.readTree(json));
    }

    private static FormInput typed(String name, String value) {
        MultivaluedHashMap<String, String> form = new MultivaluedHashMap<>();
        form.add(name, value);
        form.add("csrf_token", "secret");
        return new FormInput(form);
    }

    @Test
    void errorsGoNextToTheirFieldsAndWhatWasTypedIsKeptWithoutTheToken() throws Exception {
        FormView view = FormView.refused(typed("variant_name", "x<y"), problem(
                "{\"errors\":[{\"field\":\"variant_name\",\"message\":\"too short\"},"
                        + "{\"field\":\"variant_name\",\"message\":\"no letters\"}]}"), FIELDS);

        assertThat(view.errors()).containsExactly(java.util.Map.entry("variant_name", "too short; no letters"));
        assertThat(view.values()).containsExactly(java.util.Map.entry("variant_name", "x<y"));
        assertThat(view.general()).isEmpty();
    }

    @Test
    void aNestedFieldGoesToTheFormFieldOfItsLastSegment() throws Exception {
        FormView view = FormView.refused(typed("temperature", "9"), problem(
                "{\"errors\":[{\"field\":\"overrides.temperature\",\"message\":\"must be at most 2\"}]}"), FIELDS);

        assertThat(view.errors()).containsEntry("temperature", "must be at most 2");
    }

    @Test
    void errorsForFieldsTheFormDoesNotHaveAreShownAboveIt() throws Exception {
        FormView view = FormView.refused(typed("variant_name", "a"), problem(
                "{\"errors\":[{\"field\":\"agent_id\",\"message\":\"unknown\"}]}"), FIELDS);

        assertThat(view.errors()).isEmpty();
        assertThat(view.general()).containsExactly("agent_id: unknown");
    }

    @Test
    void aProblemWithoutErrorsShowsItsDetail() throws Exception {
        FormView view = FormView.refused(typed("variant_name", "a"), problem(
                "{\"status\":400,\"detail\":\"Malformed JSON\"}"), FIELDS);

        assertThat(view.general()).containsExactly("Malformed JSON");
    }

    @Test
    void aRenameAppliesBeforeTheLookUp() throws Exception {
        FormView view = FormView.refused(typed("model_2", "x"), problem(
                "{\"errors\":[{\"field\":\"pipeline_stages[1].model\",\"message\":\"bad model\"}]}"), FIELDS,
                field -> field.replace("pipeline_stages[1].model", "model_2"));

        assertThat(view.errors()).containsEntry("model_2", "bad model");
    }

    @Test
    void aNumberThatDoesNotParseIsSentAsAStandInTheServiceRefusesAndKeepsItsOwnMessage() throws Exception {
        MultivaluedHashMap<String, String> form = new MultivaluedHashMap<>();
        form.add("max_tokens", "12x");
        form.add("temperature", " 0.5 ");
        form.add("name", "  ");
        FormInput input = new FormInput(form);
        var json = FormInput.object();
        input.putInteger(json, "max_tokens").putDecimal(json, "temperature").putText(json, "name", false);

        assertThat(input.sendable()).isTrue();
        assertThat(input.errors()).containsOnlyKeys("max_tokens");
        assertThat(json.toString()).isEqualTo("{\"max_tokens\":-1,\"temperature\":0.5}");

        // One round: the service's errors on the other fields beside the number's own message.
        FormView view = FormView.refused(input, problem("{\"errors\":[{\"field\":\"max_tokens\","
                + "\"message\":\"must be greater than or equal to 1\"},{\"field\":\"name\",\"message\":\"must not be blank\"}]}"),
                List.of("max_tokens", "temperature", "name"));
        assertThat(view.errors()).containsExactly(java.util.Map.entry("max_tokens", "must be a whole number, such as 3"),
                java.util.Map.entry("name", "is required"));
    }

    @Test
    void jsonThatDoesNotParseKeepsTheFormFromBeingSent() {
        FormInput input = typed("scorers", "[{not json");
        input.putJson(FormInput.object(), "scorers");

        assertThat(input.sendable()).isFalse();
        assertThat(input.errors()).containsEntry("scorers", "must be valid JSON");
    }

    @Test
    void validatorWordingIsPutAsAPersonWouldSayIt() {
        assertThat(FieldMessages.human("must not be null")).isEqualTo("is required");
        assertThat(FieldMessages.human("must be less than or equal to 600")).isEqualTo("must be at most 600");
        assertThat(FieldMessages.human("size must be between 0 and 200")).isEqualTo("must be at most 200 long");
        assertThat(FieldMessages.human("Cannot deserialize value of type `java.lang.Integer` from String \"x\""))
                .isEqualTo("is not a valid value here");
        assertThat(FieldMessages.human("slug is already taken")).isEqualTo("slug is already taken");
    }
}
