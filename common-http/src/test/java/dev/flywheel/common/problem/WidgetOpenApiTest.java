package dev.flywheel.common.problem;

import dev.flywheel.common.testing.OpenApiContractTest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;

/** The shared OpenAPI contract run against common-http's own test resources and the ApiConventions filter. */
@QuarkusTest
class WidgetOpenApiTest extends OpenApiContractTest {

    @Override
    protected Map<String, String> pathValuesFor(String operation) {
        return Map.of("outcome", "ok");
    }

    @Override
    protected Map<String, String> validBodies() {
        return Map.of("POST /test/widgets", "{\"widget_name\": \"documented\", \"size_class\": 1}",
                "POST /test/widgets/lists", "{\"widgets\": [{\"widget_name\": \"a\", \"size_class\": 1}],"
                        + " \"tags\": [\"x\"]}");
    }
}
