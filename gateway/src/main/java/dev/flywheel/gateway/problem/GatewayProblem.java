package dev.flywheel.gateway.problem;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** The gateway's own RFC 9457 answers (the services write theirs; the gateway only adds 401/403/404/502). */
public final class GatewayProblem {

    public static final String MEDIA_TYPE = "application/problem+json";

    private GatewayProblem() {
    }

    public static JsonObject body(int status, String title, String detail, String instance) {
        return new JsonObject()
                .put("type", "https://flywheel.dev/problems/" + status)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", instance);
    }

    public static void send(HttpServerResponse response, int status, String title, String detail, String instance) {
        response.setStatusCode(status)
                .putHeader("Content-Type", MEDIA_TYPE)
                .end(body(status, title, detail, instance).encode());
    }
}
