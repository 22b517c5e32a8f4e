package dev.flywheel.selftest;

import dev.flywheel.common.testing.HostileInputContractTest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Set;

/** selftest-service takes no JSON bodies and no path parameters: its hostile input is the list queries. */
@QuarkusTest
class HostileInputTest extends HostileInputContractTest {

    @Override
    protected Set<String> knownOperations() {
        return Set.of("POST /api/selftest/run-next", "POST /api/selftest/run-all", "GET /api/selftest/events",
                "GET /api/selftest/proposals");
    }
}
