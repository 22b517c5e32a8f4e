package dev.flywheel.verify;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.flywheel.verify.incident.Incident;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Request bodies for tests, in the service's snake_case JSON; no JSON strings scattered through tests. */
public final class TestData {

    private static final ObjectMapper SNAKE_CASE = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private TestData() {
    }

    /** An incident as the JSON object clients send. */
    public static Map<String, Object> json(Incident incident) {
        return SNAKE_CASE.convertValue(incident, new TypeReference<>() {
        });
    }

    public static Map<String, Object> verification(Incident incident, String action, int warmupSec) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("incident", json(incident));
        body.put("action_taken", action);
        body.put("warmup_sec", warmupSec);
        return body;
    }

    public static Map<String, Object> verification(Incident incident, String action, int warmupSec, UUID snapshotId) {
        Map<String, Object> body = verification(incident, action, warmupSec);
        body.put("snapshot_id", snapshotId.toString());
        return body;
    }
}
