package dev.flywheel.common.problem;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * Writes a problem straight onto a Vert.x response, for the routes that answer before (or instead of) Quarkus
 * REST: the body-size guard, the gateway's key check, rate limit and proxy failures.
 */
public final class ProblemWriter {

    private ProblemWriter() {
    }

    /** The problem as the JSON body every Flywheel problem answer carries. */
    public static Buffer body(Problem problem) {
        return JsonObject.mapFrom(problem).toBuffer();
    }

    /** Ends the response with the problem, its status and the problem media type. */
    public static void send(HttpServerResponse response, Problem problem) {
        response.setStatusCode(problem.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(body(problem));
    }
}
