package dev.flywheel.selftest;

import dev.flywheel.common.testing.ServiceContractTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SelftestServiceContractTest extends ServiceContractTest {

    @Override
    protected String schema() {
        return "selftest";
    }
}
