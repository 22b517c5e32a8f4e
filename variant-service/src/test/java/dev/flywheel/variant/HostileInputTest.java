package dev.flywheel.variant;

import dev.flywheel.common.testing.HostileInputContractTest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.Set;

@QuarkusTest
class HostileInputTest extends HostileInputContractTest {

    @Override
    protected Set<String> knownOperations() {
        return Set.of("POST /api/agents", "PATCH /api/agents/{agent_id}", "POST /api/agents/{agent_id}/variants",
                "PATCH /api/agents/{agent_id}/variants/{variant_id}", "POST /api/agents/{agent_id}/clone",
                "GET /api/agents/by-slug/{slug}");
    }

    @Override
    protected Map<String, String> realPathValues() {
        String agentId = TestData.createAgent();
        return Map.of("agent_id", agentId, "variant_id", TestData.createVariant(agentId, TestData.unique("Hostile")));
    }

    @Override
    protected Map<String, String> validBodies() {
        return TestData.validBodies();
    }
}
