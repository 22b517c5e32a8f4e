package dev.flywheel.run.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.common.problem.InvalidInput;
import dev.flywheel.run.RunServiceConfig;
import dev.flywheel.run.events.RunEventBus;
import dev.flywheel.run.events.RunPosition;
import dev.flywheel.run.run.RunService;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;

/**
 * {@code GET /api/runs/{id}/events} and {@code GET /api/experiments/{id}/events} as server-sent events (SPEC §10).
 * Plain Vert.x routes rather than resource methods: a stream answers 404 or 204 before it opens, sends comment
 * heartbeats and ids, and ends on its own terms, which needs the response itself. They are documented in the
 * OpenAPI document from {@code META-INF/openapi.yaml}.
 */
@ApplicationScoped
public class EventStreamRoutes {

    static final String LAST_EVENT_ID = "Last-Event-ID";

    private final RunEventBus bus;
    private final RunService runs;
    private final ExperimentProgress progress;
    private final ObjectMapper mapper;
    private final Vertx vertx;
    private final long heartbeatMs;

    public EventStreamRoutes(RunEventBus bus, RunService runs, ExperimentProgress progress, ObjectMapper mapper, Vertx vertx,
            RunServiceConfig config) {
        this.bus = bus;
        this.runs = runs;
        this.progress = progress;
        this.mapper = mapper;
        this.vertx = vertx;
        this.heartbeatMs = config.events().heartbeat().toMillis();
    }

    void install(@Observes Router router) {
        router.get("/api/runs/:id/events").handler(this::runEvents);
        router.get("/api/experiments/:id/events").handler(this::experimentEvents);
    }

    private void runEvents(RoutingContext request) {
        UUID id;
        RunPosition lastSeen;
        try {
            id = uuid(request.pathParam("id"));
            String header = request.request().getHeader(LAST_EVENT_ID);
            lastSeen = header == null || header.isBlank() ? null : position(header);
        } catch (InvalidInput e) {
            SseResponse.badRequest(request, mapper, e);
            return;
        }
        new RunStream(id, runs, mapper, vertx.getOrCreateContext(), new SseResponse(request, vertx, heartbeatMs))
                .start(request, bus, lastSeen);
    }

    private void experimentEvents(RoutingContext request) {
        UUID id;
        Long lastSeen;
        boolean untilIdle;
        try {
            id = uuid(request.pathParam("id"));
            String header = request.request().getHeader(LAST_EVENT_ID);
            lastSeen = header == null || header.isBlank() ? null : micros(header);
            untilIdle = until(request.queryParams().get("until"));
        } catch (InvalidInput e) {
            SseResponse.badRequest(request, mapper, e);
            return;
        }
        new ExperimentStream(id, progress, mapper, vertx.getOrCreateContext(), new SseResponse(request, vertx, heartbeatMs),
                untilIdle).start(request, bus, lastSeen);
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("id", "'" + value + "' is not a UUID");
        }
    }

    private static RunPosition position(String header) {
        try {
            return RunPosition.parse(header);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(LAST_EVENT_ID, e.getMessage());
        }
    }

    private static long micros(String header) {
        try {
            long value = Long.parseLong(header.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidInput(LAST_EVENT_ID, "'" + header + "' is not an event id of this stream");
    }

    private static boolean until(String value) {
        if (value == null) {
            return false;
        }
        if ("idle".equals(value)) {
            return true;
        }
        throw new InvalidInput("until", "'" + value + "' is not supported; the only value is idle");
    }
}
