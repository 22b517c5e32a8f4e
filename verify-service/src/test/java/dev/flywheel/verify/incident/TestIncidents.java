package dev.flywheel.verify.incident;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Incidents for tests, shaped like seed 003's {@code _stub_incident}. */
public final class TestIncidents {

    private TestIncidents() {
    }

    /** A fresh incident id, so tests never see each other's evidence. */
    public static String freshId() {
        return "INC-" + UUID.randomUUID();
    }

    public static Incident incident(String id, Map<String, String> labels) {
        return new Incident(id, null, List.of(new Signal(labels)));
    }

    /** The seed's stub: a crash-looping pod alert, with extra labels on top. */
    public static Incident stub(String id, Map<String, String> extraLabels) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", "KubePodCrashLooping");
        labels.put("namespace", "awoooi-prod");
        labels.put("pod", "api-xyz");
        labels.putAll(extraLabels);
        return incident(id, labels);
    }

    /** An incident whose only evidence is a health endpoint. */
    public static Incident withHealthUrl(String id, String healthUrl) {
        return incident(id, Map.of("alertname", "ServiceDown", "health_url", healthUrl));
    }
}
