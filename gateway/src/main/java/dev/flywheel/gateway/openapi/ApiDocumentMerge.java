package dev.flywheel.gateway.openapi;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges the services' OpenAPI documents into the one document of the whole API (SPEC §10): their paths side by
 * side (the gateway routes by prefix, so no two services share a path), their components, the one bearer-key
 * scheme. Schemas with one name and different content are kept apart by prefixing the later service's with its
 * name. A service whose document is not live is marked, in {@code info.description} and in
 * {@code x-flywheel-sources}.
 */
public final class ApiDocumentMerge {

    /** Where a service's part of the merged document came from. */
    public enum Freshness {
        /** Fetched for this answer. */
        LIVE,
        /** The service did not answer: its last fetched document. */
        CACHED,
        /** The service did not answer and was never reached: it has no part. */
        UNAVAILABLE
    }

    /** One service's document (null when UNAVAILABLE) and where it came from. */
    public record Part(JsonObject document, Freshness freshness, String fetchedAt) {
    }

    private static final String SCHEMAS_REF = "#/components/schemas/";

    private ApiDocumentMerge() {
    }

    /** The merged document; its version is the services' (they are built and released together). */
    public static JsonObject merge(Map<String, Part> parts) {
        String version = parts.values().stream().filter(part -> part.document() != null)
                .map(part -> part.document().getJsonObject("info", new JsonObject()).getString("version"))
                .filter(v -> v != null).findFirst().orElse("unknown");
        JsonObject paths = new JsonObject();
        JsonObject schemas = new JsonObject();
        JsonObject securitySchemes = new JsonObject();
        Map<String, JsonObject> tags = new TreeMap<>();
        JsonObject sources = new JsonObject();
        List<String> notes = new ArrayList<>();
        for (Map.Entry<String, Part> entry : new TreeMap<>(parts).entrySet()) {
            String service = entry.getKey();
            Part part = entry.getValue();
            sources.put(service, new JsonObject().put("status", part.freshness().name().toLowerCase())
                    .put("fetched_at", part.fetchedAt()));
            if (part.document() == null) {
                notes.add(service + " is unavailable and was never reached: its operations are missing.");
                continue;
            }
            if (part.freshness() == Freshness.CACHED) {
                notes.add(service + " is unavailable: its operations are from the document fetched at "
                        + part.fetchedAt() + ".");
            }
            JsonObject document = renameClashes(service, part.document(), schemas);
            JsonObject components = document.getJsonObject("components", new JsonObject());
            components.getJsonObject("schemas", new JsonObject()).forEach(s -> schemas.put(s.getKey(), s.getValue()));
            components.getJsonObject("securitySchemes", new JsonObject())
                    .forEach(s -> securitySchemes.put(s.getKey(), s.getValue()));
            document.getJsonObject("paths", new JsonObject()).forEach(p -> paths.put(p.getKey(), p.getValue()));
            document.getJsonArray("tags", new JsonArray()).forEach(tag -> {
                JsonObject t = (JsonObject) tag;
                tags.putIfAbsent(t.getString("name"), t);
            });
        }
        String description = "The whole Flywheel API as the gateway serves it: every service's operations, one"
                + " bearer API key (Authorization: Bearer <key>), errors as RFC 9457 problem details."
                + (notes.isEmpty() ? "" : "\n\n" + String.join("\n", notes));
        JsonObject merged = new JsonObject()
                .put("openapi", "3.1.0")
                .put("info", new JsonObject().put("title", "Flywheel API").put("version", version)
                        .put("description", description)
                        .put("license", new JsonObject().put("name", "Proprietary").put("identifier", "LicenseRef-Flywheel")))
                .put("servers", new JsonArray().add(new JsonObject().put("url", "/")
                        .put("description", "The gateway that serves this document")))
                .put("security", new JsonArray().add(new JsonObject().put("apiKey", new JsonArray())))
                .put("paths", sorted(paths))
                .put("components", new JsonObject().put("schemas", sorted(schemas))
                        .put("securitySchemes", securitySchemes))
                .put("x-flywheel-sources", sources);
        if (!tags.isEmpty()) {
            merged.put("tags", new JsonArray(new ArrayList<>(tags.values())));
        }
        return merged;
    }

    /** The document with each of its schemas whose name is taken by different content renamed {@code service_Name}. */
    private static JsonObject renameClashes(String service, JsonObject document, JsonObject taken) {
        JsonObject own = document.getJsonObject("components", new JsonObject())
                .getJsonObject("schemas", new JsonObject());
        String text = document.encode();
        for (String name : own.fieldNames()) {
            if (taken.containsKey(name) && !taken.getValue(name).equals(own.getValue(name))) {
                String renamed = service.replaceAll("[^A-Za-z0-9]", "") + "_" + name;
                text = text.replace("\"" + SCHEMAS_REF + name + "\"", "\"" + SCHEMAS_REF + renamed + "\"");
                JsonObject reparsed = new JsonObject(text);
                JsonObject schemas = reparsed.getJsonObject("components").getJsonObject("schemas");
                schemas.put(renamed, schemas.remove(name));
                text = reparsed.encode();
            }
        }
        return new JsonObject(text);
    }

    private static JsonObject sorted(JsonObject object) {
        JsonObject sorted = new JsonObject();
        new TreeMap<>(object.getMap()).forEach(sorted::put);
        return sorted;
    }
}
