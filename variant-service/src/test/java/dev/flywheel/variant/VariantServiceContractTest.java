package dev.flywheel.variant;

import dev.flywheel.common.testing.ServiceContractTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class VariantServiceContractTest extends ServiceContractTest {

    @Override
    protected String schema() {
        return "variants";
    }
}
