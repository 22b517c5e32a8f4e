package dev.flywheel.run.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.common.problem.ResourceNotFound;
import dev.flywheel.run.events.RunEvent;
import dev.flywheel.run.events.RunEventBus;
import dev.flywheel.run.events.RunPosition;
import dev.flywheel.run.stream.ExperimentProgress.RunState;
import io.vertx.core.Context;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * One client's {@code GET /api/experiments/{id}/events} (SPEC §10): an {@code experiment.snapshot} (every run's
 * status and the counts), then every status change of a run of the experiment (started, completed, failed,
 * cancelled) with the counts after it. Open-ended unless {@code until=idle}, which ends the stream once no run is
 * pending or running. Event ids are times (microseconds since the epoch, never decreasing); a client resuming with
 * {@code Last-Event-ID} gets the runs whose status changed since then, and no second snapshot.
 */
final class ExperimentStream implements RunEventBus.Listener {

    static final String SNAPSHOT = "experiment.snapshot";
    private static final Logger LOG = Logger.getLogger(ExperimentStream.class);
    // Event times come from the replicas' clocks and relays may publish slightly out of order: a resumed stream
    // looks this far back and re-sends a status the client may already have rather than miss one.
    private static final Duration RESUME_OVERLAP = Duration.ofSeconds(5);

    private final UUID experimentId;
    private final ExperimentProgress progress;
    private final ObjectMapper mapper;
    private final Context context;
    private final SseResponse sse;
    private final boolean untilIdle;
    private final Map<UUID, RunPosition> known = new HashMap<>();
    private final Queue<RunEvent> queue = new ArrayDeque<>();
    private RunEventBus.Registration registration;
    private List<RunEvent> held = new ArrayList<>();
    private boolean busy;
    private long lastId;

    ExperimentStream(UUID experimentId, ExperimentProgress progress, ObjectMapper mapper, Context context, SseResponse sse,
            boolean untilIdle) {
        this.experimentId = experimentId;
        this.progress = progress;
        this.mapper = mapper;
        this.context = context;
        this.sse = sse;
        this.untilIdle = untilIdle;
    }

    void start(RoutingContext request, RunEventBus bus, Long lastSeenMicros) {
        registration = bus.listen(this);
        progress.exists(experimentId).subscribe().with(exists -> context.runOnContext(ignored -> {
            if (!exists) {
                registration.close();
                SseResponse.notFound(request, mapper, new ResourceNotFound("experiment", experimentId));
            } else if (lastSeenMicros == null) {
                sse.open(registration::close);
                snapshot(this::release);
            } else {
                resume(request, lastSeenMicros);
            }
        }), failure -> context.runOnContext(ignored -> {
            registration.close();
            request.fail(failure);
        }));
    }

    @Override
    public void onEvent(RunEvent event) {
        if (experimentId.equals(event.experimentId()) && !RunEvent.STAGE_COMPLETED.equals(event.type())) {
            context.runOnContext(ignored -> deliver(event));
        }
    }

    @Override
    public void onResubscribed() {
        context.runOnContext(ignored -> {
            if (held == null && !sse.isClosed()) {
                snapshot(() -> { });
            }
        });
    }

    private void resume(RoutingContext request, long lastSeenMicros) {
        Instant lastSeen = Instant.EPOCH.plus(lastSeenMicros, ChronoUnit.MICROS);
        lastId = lastSeenMicros;
        progress.changedSince(experimentId, lastSeen.minus(RESUME_OVERLAP)).chain(changed -> progress.counts(experimentId)
                .map(counts -> Map.entry(changed, counts))).subscribe().with(found -> context.runOnContext(ignored -> {
                    List<RunState> changed = found.getKey();
                    Map<String, Long> counts = found.getValue();
                    boolean missed = changed.stream().anyMatch(state -> state.changedAt().isAfter(lastSeen));
                    if (untilIdle && ExperimentProgress.idle(counts) && !missed) {
                        registration.close();
                        SseResponse.noContent(request);
                        return;
                    }
                    sse.open(registration::close);
                    for (RunState state : changed) {
                        known.put(state.runId(), state.position());
                        send(new RunEvent(state.eventType(), null, state.runId(), experimentId, state.changedAt(),
                                state.position(), mapper.createObjectNode().put("run_id", state.runId().toString())
                                        .put("experiment_id", experimentId.toString())), counts);
                    }
                    if (!endIfIdle(counts)) {
                        release();
                    }
                }), failure -> context.runOnContext(ignored -> {
                    registration.close();
                    request.fail(failure);
                }));
    }

    private void snapshot(Runnable then) {
        Instant readAt = Instant.now();
        progress.runs(experimentId).subscribe().with(runs -> context.runOnContext(ignored -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            ExperimentProgress.STATUSES.forEach(status -> counts.put(status, 0L));
            ArrayNode list = mapper.createArrayNode();
            for (RunState run : runs) {
                counts.merge(run.status(), 1L, Long::sum);
                known.merge(run.runId(), run.position(), (had, now) -> now.isAfter(had) ? now : had);
                list.addObject().put("run_id", run.runId().toString()).put("status", run.status());
            }
            ObjectNode data = mapper.createObjectNode().put("experiment_id", experimentId.toString());
            data.set("counts", mapper.valueToTree(counts));
            data.set("runs", list);
            ObjectNode payload = mapper.createObjectNode().put("type", SNAPSHOT).put("experiment_id", experimentId.toString());
            payload.set("time", mapper.valueToTree(readAt));
            payload.set("data", data);
            sse.send(nextId(readAt), SNAPSHOT, Payloads.write(mapper, payload));
            if (!endIfIdle(counts)) {
                then.run();
            }
        }), this::failed);
    }

    /** Opens the gate: events heard while the stored state was read go out now, unless they are older. */
    private void release() {
        List<RunEvent> waiting = held;
        held = null;
        waiting.forEach(this::deliver);
    }

    private void deliver(RunEvent event) {
        if (held != null) {
            held.add(event);
            return;
        }
        if (!event.position().isAfter(known.get(event.runId()))) {
            return;
        }
        known.put(event.runId(), event.position());
        queue.add(event);
        drain();
    }

    // The events queued so far go out together, each with the counts read after the last of them arrived: one count
    // per burst rather than per event (a 500-run batch makes about 1,000 events, arriving in the relay's batches),
    // and one burst at a time, so events keep their order on the wire.
    private void drain() {
        if (busy || queue.isEmpty() || sse.isClosed()) {
            return;
        }
        busy = true;
        List<RunEvent> burst = new ArrayList<>(queue);
        queue.clear();
        progress.counts(experimentId).subscribe().with(counts -> context.runOnContext(ignored -> {
            burst.forEach(event -> send(event, counts));
            if (untilIdle && ExperimentProgress.idle(counts)) {
                finishIdle(counts);
            } else {
                busy = false;
                drain();
            }
        }), this::failed);
    }

    // The database may be idle before the last events have reached this replica: the runs whose end the client has
    // not had yet get it from the database before the stream ends, so it ends with every run's final state.
    // Events already queued go first: deliver() marks a run known when it queues its event, so a queued end would
    // otherwise be skipped below and lost when the stream ends. An end read here carries its stored time as its id,
    // so a client resuming from the last id is told nothing was missed (204) rather than sent that end again.
    private void finishIdle(Map<String, Long> counts) {
        progress.runs(experimentId).subscribe().with(runs -> context.runOnContext(ignored -> {
            for (RunEvent queued = queue.poll(); queued != null; queued = queue.poll()) {
                send(queued, counts);
            }
            for (RunState state : runs) {
                if (state.position().ended() && !RunPosition.END.equals(known.get(state.runId()))) {
                    known.put(state.runId(), state.position());
                    send(new RunEvent(state.eventType(), null, state.runId(), experimentId, state.changedAt(),
                            state.position(),
                            mapper.createObjectNode().put("run_id", state.runId().toString())
                                    .put("experiment_id", experimentId.toString())), counts);
                }
            }
            endIfIdle(counts);
        }), this::failed);
    }

    private void send(RunEvent event, Map<String, Long> counts) {
        ObjectNode payload = Payloads.base(mapper, event);
        payload.put("status", event.status());
        payload.set("counts", mapper.valueToTree(counts));
        sse.send(nextId(event.time()), event.type(), Payloads.write(mapper, payload));
    }

    private boolean endIfIdle(Map<String, Long> counts) {
        if (untilIdle && ExperimentProgress.idle(counts)) {
            registration.close();
            sse.end();
            return true;
        }
        return false;
    }

    private String nextId(Instant time) {
        long micros = time == null ? 0 : ChronoUnit.MICROS.between(Instant.EPOCH, time);
        lastId = Math.max(lastId, micros);
        return Long.toString(lastId);
    }

    private void failed(Throwable failure) {
        context.runOnContext(ignored -> {
            LOG.warnf("the event stream of experiment %s failed: %s", experimentId, failure.toString());
            registration.close();
            sse.end();
        });
    }
}
