package dev.flywheel.common.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * What every Flywheel service's OpenAPI document says the same way (SPEC §10 "OpenAPI tells the truth"), so no
 * resource repeats it: the gateway's bearer key as the security scheme, the RFC 9457 problem responses as
 * {@code application/problem+json}, an operation id and a summary for every operation. Success statuses are the
 * resources' own ({@code @APIResponse} where it is not 200), checked against real answers by the contract tests.
 */
public class ApiConventions implements OASFilter {

    /** The security scheme's name in {@code components.securitySchemes}. */
    public static final String BEARER = "apiKey";
    private static final String PROBLEM = "Problem";
    private static final String PROBLEM_MEDIA_TYPE = "application/problem+json";

    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(OASFactory.createComponents());
        }
        Components components = openApi.getComponents();
        components.addSecurityScheme(BEARER, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("An API key of the gateway (SPEC §8): Authorization: Bearer <key>. Keys have the read"
                        + " scope (GET, HEAD) or read and write."));
        openApi.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(BEARER)));
        components.addSchema(PROBLEM, problemSchema());
        if (openApi.getServers() == null || openApi.getServers().isEmpty()) {
            openApi.setServers(List.of(OASFactory.createServer().url("/")
                    .description("The gateway: every service is reached through it")));
        }
        if (openApi.getInfo() != null && openApi.getInfo().getLicense() == null) {
            openApi.getInfo().license(OASFactory.createLicense().name("Proprietary")
                    .identifier("LicenseRef-Flywheel"));
        }
        if (openApi.getInfo() != null && openApi.getInfo().getDescription() == null) {
            openApi.getInfo().description("Part of the Flywheel suite: reached through the gateway, which checks the"
                    + " API key. Errors are RFC 9457 problem details.");
        }
        if (openApi.getPaths() == null || openApi.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openApi.getPaths().getPathItems().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().getOperations().entrySet()) {
                complete(path.getKey(), entry.getKey(), entry.getValue());
            }
        }
    }

    private static void complete(String path, PathItem.HttpMethod method, Operation operation) {
        if (operation.getOperationId() == null) {
            operation.setOperationId(operationId(method, path));
        }
        if (operation.getSummary() == null) {
            operation.setSummary(summary(method, path));
        }
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        boolean writes = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT
                || method == PathItem.HttpMethod.PATCH || method == PathItem.HttpMethod.DELETE;
        problem(responses, "400", "The request is invalid: a malformed body, a bad field or query value");
        if (path.contains("{")) {
            problem(responses, "404", "Nothing exists at this path");
        }
        if (writes) {
            problem(responses, "409", "The change conflicts with the current state");
        }
        if (operation.getRequestBody() != null) {
            problem(responses, "413", "The request body is larger than the limit");
            problem(responses, "415", "The request body is not JSON");
        }
        if (hasHeader(operation, "If-Match")) {
            problem(responses, "412", "The resource changed since the If-Match version was read");
        }
    }

    private static boolean hasHeader(Operation operation, String name) {
        return operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> p.getIn() != null && p.getIn().toString().equalsIgnoreCase("header")
                        && name.equalsIgnoreCase(p.getName()));
    }

    private static void problem(APIResponses responses, String status, String description) {
        APIResponse existing = responses.getAPIResponse(status);
        if (existing != null && existing.getContent() != null
                && existing.getContent().hasMediaType(PROBLEM_MEDIA_TYPE)) {
            return;
        }
        responses.addAPIResponse(status, OASFactory.createAPIResponse()
                .description(existing != null && existing.getDescription() != null ? existing.getDescription()
                        : description)
                .content(OASFactory.createContent().addMediaType(PROBLEM_MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(PROBLEM)))));
    }

    private static Schema problemSchema() {
        Schema fieldError = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .addProperty("field", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("message", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)));
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem details, the one error shape of every Flywheel service")
                .addProperty("type", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("title", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)))
                .addProperty("detail", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("instance", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("errors", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                        .items(fieldError))
                .required(List.of("type", "title", "status"));
    }

    /** {@code GET /api/agents/{agent_id}/variants} → {@code getApiAgentsAgentIdVariants}: unique and URL-safe. */
    static String operationId(PathItem.HttpMethod method, String path) {
        StringBuilder id = new StringBuilder(method.name().toLowerCase(Locale.ROOT));
        for (String word : path.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return id.toString();
    }

    /** A readable default summary: {@code GET /api/agents/{agent_id}} → "Get agents by agent id". */
    static String summary(PathItem.HttpMethod method, String path) {
        List<String> words = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals("api")) {
                continue;
            }
            String text = segment.replaceAll("[{}]", "").replaceAll("[^A-Za-z0-9]+", " ").strip();
            words.add(segment.startsWith("{") ? "by " + text : text);
        }
        String verb = method.name().charAt(0) + method.name().substring(1).toLowerCase(Locale.ROOT);
        return verb + " " + String.join(" ", words);
    }
}
