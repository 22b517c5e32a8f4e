package dev.flywheel.verify.tool.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.verify.VerifyConfig;
import dev.flywheel.verify.tool.JsonBody;
import dev.flywheel.verify.tool.Tool;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

/**
 * {@code http_health}: GETs a health URL, such as a SmallRye {@code /q/health/ready}, and reports its
 * overall status and its checks by name. Needs no cluster, so the suite can verify itself locally.
 */
@ApplicationScoped
public class HttpHealthTool implements Tool<HttpHealthParameters> {

    public static final String NAME = "http_health";
    /** The incident label that names a health URL. */
    public static final String HEALTH_URL_LABEL = "health_url";

    private final WebClient client;
    private final ObjectMapper mapper;
    private final long timeoutMillis;

    public HttpHealthTool(WebClient client, ObjectMapper mapper, VerifyConfig config) {
        this.client = client;
        this.mapper = mapper;
        this.timeoutMillis = config.tools().callTimeout().toMillis();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "GET a health endpoint (e.g. /q/health/ready) and report its status and checks";
    }

    @Override
    public String backend() {
        return "http";
    }

    @Override
    public Class<HttpHealthParameters> parametersType() {
        return HttpHealthParameters.class;
    }

    @Override
    public boolean configured() {
        return true;
    }

    @Override
    public Optional<HttpHealthParameters> suggest(String alertname, Map<String, String> labels) {
        String url = labels.get(HEALTH_URL_LABEL);
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(new HttpHealthParameters(url));
    }

    @Override
    public Uni<JsonNode> run(HttpHealthParameters parameters) {
        return client.getAbs(parameters.url()).timeout(timeoutMillis).send()
                .map(response -> summarise(parameters.url(), response));
    }

    private JsonNode summarise(String url, HttpResponse<Buffer> response) {
        ObjectNode output = mapper.createObjectNode();
        output.put("url", url);
        output.put("http_status", response.statusCode());
        JsonNode body = JsonBody.parse(mapper, response.bodyAsString());
        JsonNode status = body.path("status");
        // A body without a status (plain "OK") still says something: the HTTP status decides.
        output.put("status", status.isTextual() ? status.textValue() : response.statusCode() / 100 == 2 ? "UP" : "DOWN");
        // Checks go by name, not under "status" keys, so one healthy check cannot pass for the endpoint's verdict.
        ObjectNode checks = output.putObject("checks");
        body.path("checks").forEach(check -> {
            if (check.path("name").isTextual()) {
                checks.put(check.path("name").textValue(), check.path("status").asText(""));
            }
        });
        return output;
    }
}
