package dev.flywheel.verify;

import dev.flywheel.common.testing.ServiceContractTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class VerifyServiceContractTest extends ServiceContractTest {

    @Override
    protected String schema() {
        return "verify";
    }
}
