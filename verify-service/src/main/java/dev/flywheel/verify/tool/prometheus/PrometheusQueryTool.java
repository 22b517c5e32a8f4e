package dev.flywheel.verify.tool.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.verify.VerifyConfig;
import dev.flywheel.verify.tool.JsonBody;
import dev.flywheel.verify.tool.Tool;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code prometheus_query}: an instant query on the Prometheus HTTP API ({@code GET /api/v1/query}).
 * Suggested for Docker alerts and alerts that carry scrape-target labels; exists only when
 * {@code verify.prometheus.url} is set.
 */
@ApplicationScoped
public class PrometheusQueryTool implements Tool<PrometheusParameters> {

    public static final String NAME = "prometheus_query";
    static final String QUERY_PATH = "/api/v1/query";
    /** Labels that mark an alert as coming from a metric about a host, container or scrape target. */
    static final List<String> METRIC_ALERT_LABELS = List.of("host", "container_name", "job", "instance");
    private static final String DOCKER_ALERT_PREFIX = "docker";

    private final WebClient client;
    private final ObjectMapper mapper;
    private final Optional<String> baseUrl;
    private final long timeoutMillis;

    public PrometheusQueryTool(WebClient client, ObjectMapper mapper, VerifyConfig config) {
        this.client = client;
        this.mapper = mapper;
        this.baseUrl = config.prometheus().url().filter(url -> !url.isBlank()).map(url -> url.replaceAll("/+$", ""));
        this.timeoutMillis = config.tools().callTimeout().toMillis();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Instant PromQL query on the Prometheus HTTP API";
    }

    @Override
    public String backend() {
        return "prometheus";
    }

    @Override
    public Class<PrometheusParameters> parametersType() {
        return PrometheusParameters.class;
    }

    @Override
    public boolean configured() {
        return baseUrl.isPresent();
    }

    @Override
    public Optional<PrometheusParameters> suggest(String alertname, Map<String, String> labels) {
        boolean dockerAlert = alertname.toLowerCase(Locale.ROOT).startsWith(DOCKER_ALERT_PREFIX);
        boolean metricAlert = METRIC_ALERT_LABELS.stream().anyMatch(labels::containsKey);
        if (!dockerAlert && !metricAlert) {
            return Optional.empty();
        }
        return Optional.of(new PrometheusParameters(PromQlBuilder.forAlert(alertname, labels)));
    }

    @Override
    public Uni<JsonNode> run(PrometheusParameters parameters) {
        String url = baseUrl.orElseThrow(() -> new IllegalStateException("verify.prometheus.url is not set")) + QUERY_PATH;
        return client.getAbs(url).addQueryParam("query", parameters.query()).timeout(timeoutMillis).send()
                .map(response -> summarise(parameters.query(), response));
    }

    private JsonNode summarise(String query, HttpResponse<Buffer> response) {
        JsonNode body = JsonBody.parse(mapper, response.bodyAsString());
        if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            String error = body.path("error").asText("HTTP " + response.statusCode());
            String type = body.path("errorType").isTextual() ? " (" + body.path("errorType").textValue() + ")" : "";
            throw new IllegalStateException("Prometheus answered " + response.statusCode() + type + ": " + error);
        }
        return QueryResult.read(query, body);
    }
}
