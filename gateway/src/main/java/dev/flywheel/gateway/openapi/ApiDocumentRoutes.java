package dev.flywheel.gateway.openapi;

import dev.flywheel.common.problem.Problem;
import dev.flywheel.common.problem.ProblemWriter;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The whole API's document at {@code /q/openapi} and Swagger UI at {@code /q/swagger-ui}, public like health
 * (SPEC §10): they describe the API, they do not call it. Swagger UI comes from its webjar in this jar, never from
 * a CDN, and its start-up script is a file of its own so the page needs no inline script.
 */
@Singleton
public class ApiDocumentRoutes {

    /** The Swagger UI webjar's version: the dependency in the gateway's pom. */
    static final String SWAGGER_UI = "/webjars/swagger-ui/5.34.1";

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Flywheel API</title>
              <link rel="stylesheet" href="%1$s/swagger-ui.css">
            </head>
            <body>
              <div id="swagger-ui"></div>
              <script src="%1$s/swagger-ui-bundle.js"></script>
              <script src="/q/swagger-ui/start.js"></script>
            </body>
            </html>
            """.formatted(SWAGGER_UI);

    private static final String START = """
            window.onload = function () {
              window.ui = SwaggerUIBundle({ url: "/q/openapi?format=json", dom_id: "#swagger-ui" });
            };
            """;

    void install(@Observes Router router, ApiDocuments documents) {
        router.get("/q/openapi").handler(rc -> documents.merged().subscribe().with(
                merged -> rc.response().putHeader("Content-Type", "application/json")
                        .putHeader("Cache-Control", "no-cache").end(merged.encodePrettily()),
                failure -> ProblemWriter.send(rc.response(), Problem.of(503, "Service Unavailable",
                        "The API document could not be assembled", rc.request().path()))));
        // Vert.x matches "/q/swagger-ui" with and without the trailing slash: the page's relative links need it.
        router.get("/q/swagger-ui").handler(rc -> {
            if (rc.request().path().endsWith("/")) {
                rc.response().putHeader("Content-Type", "text/html; charset=utf-8").end(PAGE);
            } else {
                rc.response().setStatusCode(301).putHeader("Location", "/q/swagger-ui/").end();
            }
        });
        router.get("/q/swagger-ui/start.js").handler(rc -> rc.response()
                .putHeader("Content-Type", "text/javascript; charset=utf-8").end(START));
    }
}
