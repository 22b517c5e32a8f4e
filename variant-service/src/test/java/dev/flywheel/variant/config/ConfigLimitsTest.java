package dev.flywheel.variant.config;

import static dev.flywheel.variant.TestData.agent;
import static dev.flywheel.variant.TestData.createAgent;
import static dev.flywheel.variant.TestData.createVariant;
import static dev.flywheel.variant.TestData.json;
import static dev.flywheel.variant.TestData.unique;
import static dev.flywheel.variant.TestData.variant;
import static dev.flywheel.variant.TestData.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The config limits are declared once, on {@link ConfigPatch}. This test reads them from its Bean Validation
 * metadata and checks that every payload carrying config fields (agent creation and PATCH, variant creation and
 * PATCH, clone overrides) accepts each bound and refuses one step past it with a 400 naming the field. A range
 * changed on ConfigPatch moves every payload with it, and this test with them; a payload declaring a range of its
 * own would fail here.
 */
@QuarkusTest
class ConfigLimitsTest {

    /** A value at a declared bound and one just past it. */
    record Bound(String field, Number accepted, Number refused) {
    }

    @Inject
    Validator validator;

    @Test
    void everyPayloadAcceptsEachDeclaredBoundAndRefusesOneStepPastIt() {
        List<Bound> bounds = bounds();
        assertThat(bounds).extracting(Bound::field).contains("temperature", "max_tokens", "context_window",
                "input_token_limit", "token_budget", "timeout_seconds", "max_retries");
        String agentId = createAgent();
        String variantId = createVariant(agentId, unique("Limits"));
        Map<String, Function<Map<String, Object>, Response>> payloads = Map.of(
                "POST /api/agents", fields -> json().body(merged(agent(), fields)).post("/api/agents"),
                "PATCH /api/agents/{id}", fields -> json().body(fields).patch("/api/agents/{a}", agentId),
                "POST /api/agents/{id}/variants", fields -> json().body(merged(variant(unique("Limits")), fields))
                        .post("/api/agents/{a}/variants", agentId),
                "PATCH /api/agents/{id}/variants/{variant_id}", fields -> json().body(fields)
                        .patch("/api/agents/{a}/variants/{v}", agentId, variantId),
                "POST /api/agents/{id}/clone (overrides)", fields -> json()
                        .body(Map.of("variant_name", unique("Limits"), "overrides", fields))
                        .post("/api/agents/{a}/clone", agentId));

        for (Bound bound : bounds) {
            payloads.forEach((payload, send) -> {
                int accepted = send.apply(Map.of(bound.field(), bound.accepted())).statusCode();
                assertThat(accepted).as("%s with %s = %s", payload, bound.field(), bound.accepted()).isBetween(200, 201);
                String named = payload.contains("overrides") ? "overrides." + bound.field() : bound.field();
                send.apply(Map.of(bound.field(), bound.refused())).then().statusCode(400)
                        .contentType(startsWith("application/problem+json"))
                        .body("errors.field", hasItem(named));
            });
        }
    }

    /**
     * The web UI sends -1 for a number it cannot parse, so that this service reports it with every other error in
     * one round (gateway {@code FormInput.STAND_IN}); that is only safe while every numeric field refuses -1.
     */
    @Test
    void everyNumericConfigFieldRefusesMinusOne() {
        List<String> numeric = Arrays.stream(ConfigPatch.class.getRecordComponents())
                .filter(component -> Number.class.isAssignableFrom(component.getType()))
                .map(component -> component.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT))
                .toList();
        List<String> lowerBounded = bounds().stream()
                .filter(bound -> bound.refused().doubleValue() < bound.accepted().doubleValue())
                .filter(bound -> bound.accepted().doubleValue() >= 0)
                .map(Bound::field).toList();
        assertThat(numeric).hasSize(7).allSatisfy(field -> assertThat(lowerBounded)
                .as("%s has a lower bound of 0 or more", field).contains(field));
    }

    private List<Bound> bounds() {
        List<Bound> bounds = new ArrayList<>();
        validator.getConstraintsForClass(ConfigPatch.class).getConstrainedProperties().forEach(property -> {
            String field = property.getPropertyName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
            property.getConstraintDescriptors().forEach(constraint -> {
                if (constraint.getAnnotation() instanceof Min min) {
                    bounds.add(new Bound(field, min.value(), min.value() - 1));
                } else if (constraint.getAnnotation() instanceof Max max) {
                    bounds.add(new Bound(field, max.value(), max.value() + 1));
                } else if (constraint.getAnnotation() instanceof DecimalMin min) {
                    BigDecimal value = new BigDecimal(min.value());
                    bounds.add(new Bound(field, value.doubleValue(), value.subtract(new BigDecimal("0.1")).doubleValue()));
                } else if (constraint.getAnnotation() instanceof DecimalMax max) {
                    BigDecimal value = new BigDecimal(max.value());
                    bounds.add(new Bound(field, value.doubleValue(), value.add(new BigDecimal("0.1")).doubleValue()));
                }
            });
        });
        return bounds;
    }

    private static Map<String, Object> merged(Map<String, Object> body, Map<String, Object> fields) {
        Map<String, Object> merged = body;
        for (var field : fields.entrySet()) {
            merged = with(merged, field.getKey(), field.getValue());
        }
        return merged;
    }
}
