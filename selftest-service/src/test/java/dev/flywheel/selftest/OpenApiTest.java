package dev.flywheel.selftest;

import dev.flywheel.common.testing.OpenApiContractTest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;

/** selftest-service's /q/openapi against swagger-parser, Redocly's recommended rules and its real answers. */
@QuarkusTest
class OpenApiTest extends OpenApiContractTest {

    @Override
    protected Map<String, String> pathValuesFor(String operation) {
        return Map.of();
    }
}
