package dev.flywheel.common.problem;

import dev.flywheel.common.testing.HostileInputContractTest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The shared hostile-input harness run against common's own test resource and mappers. */
@QuarkusTest
class WidgetHostileInputTest extends HostileInputContractTest {

    @Override
    protected Set<String> knownOperations() {
        return Set.of("POST /test/widgets", "GET /test/widgets/{outcome}");
    }

    @Override
    protected Map<String, String> validBodies() {
        String name = "h-" + UUID.randomUUID().toString().substring(0, 8);
        return Map.of("POST /test/widgets", "{\"widget_name\": \"" + name + "\", \"size_class\": 1}");
    }
}
