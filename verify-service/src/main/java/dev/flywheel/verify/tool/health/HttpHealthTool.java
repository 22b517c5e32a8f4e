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
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code http_health}: GETs a health URL, such as a SmallRye {@code /q/health/ready}, and reports its
 * overall status and its checks by name. Needs no cluster, so the suite can verify itself locally.
 * Only allowed hosts are fetched ({@link AllowedHosts}); the request goes to the host that was checked
 * (never re-parsed), and a redirect is followed only to the same scheme, host and port.
 */
@ApplicationScoped
public class HttpHealthTool implements Tool<HttpHealthParameters> {

    public static final String NAME = "http_health";
    /** The incident label that names a health URL. */
    public static final String HEALTH_URL_LABEL = "health_url";

    private final WebClient client;
    private final ObjectMapper mapper;
    private final long timeoutMillis;
    private final AllowedHosts allowedHosts;
    private final int maxRedirects;

    public HttpHealthTool(WebClient client, ObjectMapper mapper, VerifyConfig config) {
        this.client = client;
        this.mapper = mapper;
        this.timeoutMillis = config.tools().callTimeout().toMillis();
        this.allowedHosts = AllowedHosts.of(config.httpHealth().allowedHosts());
        this.maxRedirects = config.httpHealth().maxRedirects();
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
        URI uri;
        try {
            uri = new URI(parameters.url());
        } catch (URISyntaxException invalid) {
            return Uni.createFrom().failure(new IllegalArgumentException("not a valid URL: " + invalid.getReason()));
        }
        if (uri.getHost() == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("the URL names no host that can be checked"));
        }
        if (!allowedHosts.allows(uri.getHost())) {
            return Uni.createFrom().failure(new HostNotAllowed(uri.getHost()));
        }
        return fetch(uri, 0).map(response -> summarise(parameters.url(), response));
    }

    private Uni<HttpResponse<Buffer>> fetch(URI uri, int redirects) {
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        // The host that was checked, without the brackets of an IPv6 literal, which a socket address does not take.
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        RequestOptions request = new RequestOptions().setHost(host).setSsl(tls)
                .setPort(uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80)
                .setURI(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery());
        return client.request(HttpMethod.GET, request).followRedirects(false).timeout(timeoutMillis).send()
                .flatMap(response -> {
                    String location = response.getHeader("Location");
                    if (response.statusCode() / 100 != 3 || location == null) {
                        return Uni.createFrom().item(response);
                    }
                    URI target = uri.resolve(location);
                    if (!sameOrigin(uri, target)) {
                        return Uni.createFrom().failure(new IllegalStateException("redirected to " + describe(target)
                                + ": http_health follows no redirect to another host"));
                    }
                    if (redirects >= maxRedirects) {
                        return Uni.createFrom().failure(new IllegalStateException(
                                "more than " + maxRedirects + " redirects"));
                    }
                    return fetch(target, redirects + 1);
                });
    }

    private static boolean sameOrigin(URI from, URI to) {
        return to.getHost() != null && from.getScheme().equalsIgnoreCase(to.getScheme())
                && AllowedHosts.normalise(from.getHost()).equals(AllowedHosts.normalise(to.getHost()))
                && from.getPort() == to.getPort();
    }

    private static String describe(URI target) {
        return target.getHost() == null ? "a URL without a host"
                : "host " + target.getHost() + (target.getPort() > 0 ? ":" + target.getPort() : "");
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
