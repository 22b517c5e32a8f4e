package dev.flywheel.run.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.common.problem.InvalidInput;
import dev.flywheel.common.problem.Problem;
import dev.flywheel.common.problem.ResourceNotFound;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * One open server-sent event stream: the headers that keep proxies from buffering it, events, a comment
 * heartbeat while it is open (so intermediaries with an idle timeout keep it and the client can tell a dead
 * connection from a quiet one), and clean-up when either side closes it. Used from the request's context only.
 */
final class SseResponse {

    private final RoutingContext context;
    private final Vertx vertx;
    private final long heartbeatMs;
    private long timer = -1;
    private boolean closed;

    SseResponse(RoutingContext context, Vertx vertx, long heartbeatMs) {
        this.context = context;
        this.vertx = vertx;
        this.heartbeatMs = heartbeatMs;
    }

    /** Sends the headers at once, so the client knows the stream is open before the first event. */
    void open(Runnable onClose) {
        HttpServerResponse response = context.response();
        response.setStatusCode(200).setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache, no-store")
                .putHeader("X-Accel-Buffering", "no");
        response.closeHandler(ignored -> closed(onClose));
        response.endHandler(ignored -> closed(onClose));
        response.write(SseFormat.comment("stream open"));
        timer = vertx.setPeriodic(heartbeatMs, id -> {
            if (!isClosed()) {
                response.write(SseFormat.comment("heartbeat"));
            }
        });
    }

    void send(String id, String type, String data) {
        if (!isClosed()) {
            context.response().write(SseFormat.event(id, type, data));
        }
    }

    boolean isClosed() {
        return closed || context.response().ended();
    }

    /** Ends the stream: the client has everything this stream will ever send. */
    void end() {
        if (!isClosed()) {
            context.response().end();
        }
    }

    private void closed(Runnable onClose) {
        if (closed) {
            return;
        }
        closed = true;
        vertx.cancelTimer(timer);
        onClose.run();
    }

    /** Answers with no stream: 204 tells an EventSource to stop reconnecting (SPEC §10). */
    static void noContent(RoutingContext context) {
        context.response().setStatusCode(204).end();
    }

    static void notFound(RoutingContext context, ObjectMapper mapper, ResourceNotFound e) {
        problem(context, mapper, Problem.of(404, "Not Found", e.getMessage(), context.request().path()));
    }

    static void badRequest(RoutingContext context, ObjectMapper mapper, InvalidInput e) {
        problem(context, mapper, Problem.of(400, "Bad Request", e.getMessage(), context.request().path()).withErrors(e.errors()));
    }

    private static void problem(RoutingContext context, ObjectMapper mapper, Problem problem) {
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem cannot be serialised", e);
        }
        context.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE).end(body);
    }
}
