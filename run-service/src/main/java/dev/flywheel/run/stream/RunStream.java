package dev.flywheel.run.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.common.problem.ResourceNotFound;
import dev.flywheel.run.events.RunEvent;
import dev.flywheel.run.events.RunEventBus;
import dev.flywheel.run.events.RunPosition;
import dev.flywheel.run.run.RunService;
import dev.flywheel.run.run.RunView;
import io.vertx.core.Context;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * One client's {@code GET /api/runs/{id}/events} (SPEC §10). It listens before it reads the run, holding
 * events back until the stored state is sent, so nothing between the two is lost; after that it sends only
 * events later than what the client has (the snapshot is never older than what follows it). A client that
 * resumes with {@code Last-Event-ID} gets what it missed, rebuilt from the database, and no second snapshot;
 * one that has already seen the end gets 204. All state is touched on the request's context only.
 */
final class RunStream implements RunEventBus.Listener {

    private static final Logger LOG = Logger.getLogger(RunStream.class);

    private final UUID runId;
    private final RunService runs;
    private final ObjectMapper mapper;
    private final Context context;
    private final SseResponse sse;
    private RunEventBus.Registration registration;
    private RunPosition sent;
    private List<RunEvent> held = new ArrayList<>();

    RunStream(UUID runId, RunService runs, ObjectMapper mapper, Context context, SseResponse sse) {
        this.runId = runId;
        this.runs = runs;
        this.mapper = mapper;
        this.context = context;
        this.sse = sse;
    }

    void start(RoutingContext request, RunEventBus bus, RunPosition lastSeen) {
        registration = bus.listen(this);
        runs.find(runId).subscribe().with(found -> context.runOnContext(ignored -> opened(request, found, lastSeen)),
                failure -> context.runOnContext(ignored -> {
                    registration.close();
                    request.fail(failure);
                }));
    }

    @Override
    public void onEvent(RunEvent event) {
        if (runId.equals(event.runId())) {
            context.runOnContext(ignored -> deliver(event));
        }
    }

    @Override
    public void onResubscribed() {
        context.runOnContext(ignored -> {
            if (held == null && !sse.isClosed()) {
                runs.find(runId).subscribe().with(found -> context.runOnContext(done -> found.ifPresent(this::snapshot)),
                        failure -> LOG.warnf("re-reading run %s for its stream failed: %s", runId, failure.toString()));
            }
        });
    }

    private void opened(RoutingContext request, Optional<RunView> found, RunPosition lastSeen) {
        if (found.isEmpty()) {
            registration.close();
            SseResponse.notFound(request, mapper, new ResourceNotFound("run", runId));
            return;
        }
        RunView run = found.get();
        // A client that claims the end of a run that has not ended sent an id of some other stream: start afresh.
        RunPosition seen = lastSeen != null && lastSeen.ended() && !RunCatchUp.ended(run) ? null : lastSeen;
        if (seen != null && seen.ended()) {
            registration.close();
            SseResponse.noContent(request);
            return;
        }
        sse.open(registration::close);
        if (seen == null) {
            snapshot(run);
        } else {
            RunCatchUp.since(run, seen, mapper).forEach(this::send);
            sent = later(seen, RunCatchUp.positionOf(run));
            endIfEnded();
        }
        List<RunEvent> waiting = held;
        held = null;
        waiting.forEach(this::deliver);
    }

    private void snapshot(RunView run) {
        RunPosition position = RunCatchUp.positionOf(run);
        if (sent != null && sent.isAfter(position)) {
            return;
        }
        sent = position;
        sse.send(position.toString(), RunEvent.SNAPSHOT, Payloads.run(mapper, new RunEvent(RunEvent.SNAPSHOT, null, run.id(),
                run.experimentId(), Instant.now(), position, mapper.valueToTree(run))));
        endIfEnded();
    }

    private void deliver(RunEvent event) {
        if (held != null) {
            held.add(event);
        } else if (event.position().isAfter(sent)) {
            send(event);
            endIfEnded();
        }
    }

    private void send(RunEvent event) {
        sent = later(sent, event.position());
        sse.send(event.position().toString(), event.type(), Payloads.run(mapper, event));
    }

    private void endIfEnded() {
        if (sent != null && sent.ended()) {
            registration.close();
            sse.end();
        }
    }

    private static RunPosition later(RunPosition a, RunPosition b) {
        return b.isAfter(a) ? b : a;
    }
}
