package dev.flywheel.verify.tool.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
            throw new IllegalStateException("Prometheus answered " + response.statusCode() + ": " + error);
        }
        JsonNode data = body.path("data");
        ObjectNode output = mapper.createObjectNode();
        output.put("query", query);
        output.put("result_type", data.path("resultType").asText());
        ArrayNode samples = output.putArray("samples");
        JsonNode result = data.path("result");
        if (result.isArray()) {
            result.forEach(series -> samples.add(sample(series.path("metric"), series.path("value"))));
        } else {
            samples.add(sample(mapper.createObjectNode(), result));
        }
        return output;
    }

    /** A Prometheus {@code [timestamp, "value"]} pair as {@code {metric, value}}, the value a number when it is one. */
    private ObjectNode sample(JsonNode metric, JsonNode pair) {
        ObjectNode sample = mapper.createObjectNode();
        sample.set("metric", metric.isObject() ? metric : mapper.createObjectNode());
        String value = pair.path(1).asText("");
        try {
            double number = Double.parseDouble(value);
            // NaN and infinities have no JSON form: they stay strings, as Prometheus sent them.
            if (Double.isFinite(number)) {
                sample.put("value", number);
            } else {
                sample.put("value", value);
            }
        } catch (NumberFormatException notANumber) {
            sample.put("value", value);
        }
        return sample;
    }
}
