package dev.flywheel.run;

import dev.flywheel.common.testing.ServiceContractTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RunServiceContractTest extends ServiceContractTest {

    @Override
    protected String schema() {
        return "runs";
    }
}
