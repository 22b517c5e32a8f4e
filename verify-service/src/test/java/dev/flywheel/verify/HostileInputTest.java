package dev.flywheel.verify;

import dev.flywheel.common.testing.HostileInputContractTest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.Set;

@QuarkusTest
class HostileInputTest extends HostileInputContractTest {

    private static final String INCIDENT = "{\"incident_id\": \"inc-hostile\", \"signals\": [{\"labels\": {\"alertname\": \"X\"}}]}";

    @Override
    protected Set<String> knownOperations() {
        return Set.of("POST /api/verifications", "GET /api/verifications/{id}",
                "POST /api/incidents/{incident_id}/pre-state", "POST /api/tools/{name}/execute");
    }

    @Override
    protected Map<String, String> realPathValues() {
        return Map.of("incident_id", "inc-hostile", "name", "http_health");
    }

    @Override
    protected Map<String, String> validBodies() {
        return Map.of(
                "POST /api/verifications", "{\"incident\": " + INCIDENT
                        + ", \"action_taken\": \"kubectl rollout restart\", \"warmup_sec\": 0}",
                "POST /api/incidents/{incident_id}/pre-state", INCIDENT,
                "POST /api/tools/{name}/execute", "{\"url\": \"http://127.0.0.1:9/q/health/ready\"}");
    }
}
