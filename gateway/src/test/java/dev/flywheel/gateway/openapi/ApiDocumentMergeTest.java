package dev.flywheel.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiDocumentMergeTest {

    @Test
    void schemasOfOneNameAndDifferentContentAreKeptApartWithTheirReferences() {
        Map<String, ApiDocumentMerge.Part> parts = new LinkedHashMap<>();
        parts.put("run", live(MergedApiDocumentTest.document("run", "/api/experiments")));
        parts.put("variant", live(MergedApiDocumentTest.document("variant", "/api/agents")));

        JsonObject merged = ApiDocumentMerge.merge(parts);

        JsonObject schemas = merged.getJsonObject("components").getJsonObject("schemas");
        assertThat(schemas.fieldNames()).contains("Page", "variant_Page", "Problem");
        assertThat(schemas.getJsonObject("Page").getString("description")).isEqualTo("run");
        assertThat(schemas.getJsonObject("variant_Page").getString("description")).isEqualTo("variant");
        assertThat(merged.getJsonObject("paths").getJsonObject("/api/agents").encode())
                .contains("#/components/schemas/variant_Page").doesNotContain("\"#/components/schemas/Page\"");
        assertThat(merged.getJsonObject("paths").getJsonObject("/api/experiments").encode())
                .contains("\"#/components/schemas/Page\"");
        assertThat(merged.getJsonObject("info").getString("version")).isEqualTo("1.0.0");
    }

    @Test
    void aServiceNeverReachedIsNamedAsMissing() {
        Map<String, ApiDocumentMerge.Part> parts = new LinkedHashMap<>();
        parts.put("run", live(MergedApiDocumentTest.document("run", "/api/experiments")));
        parts.put("verify", new ApiDocumentMerge.Part(null, ApiDocumentMerge.Freshness.UNAVAILABLE, null));

        JsonObject merged = ApiDocumentMerge.merge(parts);

        assertThat(merged.getJsonObject("info").getString("description"))
                .contains("verify is unavailable and was never reached");
        assertThat(merged.getJsonObject("x-flywheel-sources").getJsonObject("verify").getString("status"))
                .isEqualTo("unavailable");
        assertThat(merged.getJsonObject("paths").fieldNames()).containsExactly("/api/experiments");
    }

    private static ApiDocumentMerge.Part live(JsonObject document) {
        return new ApiDocumentMerge.Part(document, ApiDocumentMerge.Freshness.LIVE, "2026-11-29T12:00:00Z");
    }
}
