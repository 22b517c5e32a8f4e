package dev.flywheel.run.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.run.run.RunService;
import dev.flywheel.run.run.RunView;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * {@code GET /api/runs/{id}/events}: a run's progress as server-sent events. The stream opens with a
 * {@code run.snapshot} of the run's current state, carries the run's events from the in-process bus and
 * ends after the terminal one; a run that is already finished gets the snapshot and the end, an
 * unknown run an empty stream.
 */
@Path("/api/runs/{id}/events")
public class RunEventsResource {

    static final String SNAPSHOT = "run.snapshot";
    private static final Set<String> FINISHED = Set.of("completed", "failed", "cancelled");

    private final RunEventBus bus;
    private final RunService runs;
    private final ObjectMapper mapper;

    public RunEventsResource(RunEventBus bus, RunService runs, ObjectMapper mapper) {
        this.bus = bus;
        this.runs = runs;
        this.mapper = mapper;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<RunEvent> events(@RestPath UUID id) {
        // Listening starts before the snapshot is read, so no event between the two is lost. An unknown
        // run gets an empty stream that ends at once: a failure once streaming has begun would leave
        // the client waiting.
        return Multi.createFrom().<RunEvent>emitter(emitter -> {
            RunEventBus.Registration registration = bus.listen(event -> forward(id, event, emitter));
            emitter.onTermination(registration::close);
            runs.find(id).subscribe().with(found -> {
                if (found.isEmpty()) {
                    emitter.complete();
                    return;
                }
                emitter.emit(snapshot(found.get()));
                if (FINISHED.contains(found.get().status())) {
                    emitter.complete();
                }
            }, emitter::fail);
        });
    }

    private static void forward(UUID id, RunEvent event, MultiEmitter<? super RunEvent> emitter) {
        if (!id.equals(event.runId()) || emitter.isCancelled()) {
            return;
        }
        emitter.emit(event);
        if (event.terminal()) {
            emitter.complete();
        }
    }

    private RunEvent snapshot(RunView run) {
        return new RunEvent(SNAPSHOT, run.id(), Instant.now(), mapper.valueToTree(run));
    }
}
