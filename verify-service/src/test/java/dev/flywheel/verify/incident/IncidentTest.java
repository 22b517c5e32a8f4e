package dev.flywheel.verify.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.flywheel.common.problem.InvalidInput;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Ports seed 003's TestHelpers: the incident id fallback and labels from the first signal. */
class IncidentTest {

    @Test
    @DisplayName("test_get_incident_id_from_incident_id_attr")
    void theIncidentIdComesFromIncidentId() {
        assertThat(new Incident("INC-001", null, List.of()).resolvedId()).contains("INC-001");
    }

    @Test
    @DisplayName("test_get_incident_id_fallback_to_id")
    void aNumericIdIsTheFallback() {
        assertThat(new Incident(null, IntNode.valueOf(42), List.of()).resolvedId()).contains("42");
        assertThat(new Incident(" ", TextNode.valueOf("INC-7"), null).resolvedId()).contains("INC-7");
    }

    @Test
    void anIncidentWithoutAnyIdIsABadRequestNamingTheField() {
        Incident incident = new Incident(null, null, List.of());
        assertThat(incident.resolvedId()).isEmpty();
        assertThatThrownBy(() -> incident.requireId("incident."))
                .isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).errors()).singleElement()
                        .satisfies(error -> assertThat(error.field()).isEqualTo("incident.incident_id")));
    }

    @Test
    @DisplayName("test_get_labels_from_signals")
    void labelsComeFromTheFirstSignal() {
        Incident incident = TestIncidents.incident("INC-TEST", Map.of("namespace", "ns-test"));
        assertThat(incident.labels()).containsEntry("namespace", "ns-test");
        Incident twoSignals = new Incident("INC-2", null,
                List.of(new Signal(Map.of("alertname", "First")), new Signal(Map.of("alertname", "Second"))));
        assertThat(twoSignals.alertname()).isEqualTo("First");
    }

    @Test
    @DisplayName("test_get_labels_no_signals_returns_empty")
    void noSignalsMeansNoLabels() {
        assertThat(new Incident("INC-3", null, List.of()).labels()).isEmpty();
        assertThat(new Incident("INC-3", null, null).labels()).isEmpty();
        assertThat(new Incident("INC-3", null, List.of(new Signal(null))).alertname()).isEmpty();
    }
}
