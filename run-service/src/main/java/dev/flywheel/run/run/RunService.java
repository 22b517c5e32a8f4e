package dev.flywheel.run.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.common.paging.Cursor;
import dev.flywheel.common.paging.Page;
import dev.flywheel.common.problem.InvalidInput;
import dev.flywheel.common.problem.Problem;
import dev.flywheel.common.problem.ResourceNotFound;
import dev.flywheel.common.problem.StateConflict;
import dev.flywheel.run.RunServiceConfig;
import dev.flywheel.run.cache.CanonicalJson;
import dev.flywheel.run.events.RunCancelledData;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Creates runs as pending work for the workers, reads them, and cancels them. New runs are announced with a
 * {@link RunsQueued} event, so this replica's worker claims them at once instead of at its next poll.
 */
@ApplicationScoped
public class RunService {

    private final RunRepository repository;
    private final RunConfigCheck check;
    private final ObjectMapper mapper;
    private final RunServiceConfig config;
    private final Event<RunsQueued> queued;

    public RunService(RunRepository repository, RunConfigCheck check, ObjectMapper mapper, RunServiceConfig config,
            Event<RunsQueued> queued) {
        this.repository = repository;
        this.check = check;
        this.mapper = mapper;
        this.config = config;
        this.queued = queued;
    }

    public Uni<RunView> create(UUID experimentId, RunRequest request) {
        check.check(request);
        return insertAll(experimentId, List.of(request)).chain(ids -> get(ids.get(0)));
    }

    public Uni<BatchView> createBatch(UUID experimentId, BatchRequest batch) {
        List<RunRequest> runs = BatchPlanner.expand(batch, config.limits().maxBatchRuns());
        // Every run of a batch shares its options, so checking the distinct prompt × model pairs checks them all.
        runs.stream().filter(run -> run.repeatIndex() == 0).forEach(check::check);
        return insertAll(experimentId, runs).map(ids -> new BatchView(experimentId, ids.size(), ids));
    }

    /**
     * Creates every run of the request in one transaction, or none: each config is checked first, and a bad one
     * is refused naming {@code runs[i].field}.
     */
    public Uni<BatchView> createBulk(UUID experimentId, BulkRequest bulk) {
        int max = config.limits().maxBatchRuns();
        if (bulk.runs().size() > max) {
            throw new InvalidInput("runs", "the request has " + bulk.runs().size() + " runs; at most " + max);
        }
        for (int i = 0; i < bulk.runs().size(); i++) {
            try {
                check.check(bulk.runs().get(i));
            } catch (InvalidInput e) {
                Problem.FieldError error = e.errors().get(0);
                throw new InvalidInput("runs[" + i + "]." + error.field(), error.message());
            }
        }
        return insertAll(experimentId, bulk.runs()).map(ids -> new BatchView(experimentId, ids.size(), ids));
    }

    /**
     * Cancels every run of the experiment that has not ended, with their run.cancelled events: the replicas
     * executing them stop them when the events reach them.
     */
    public Uni<CancelView> cancelExperiment(UUID experimentId) {
        return repository.experimentScoring(experimentId).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().failure(new ResourceNotFound("experiment", experimentId));
            }
            return repository.cancelExperiment(experimentId).map(cancelled -> {
                List<UUID> ids = cancelled.stream().map(RunCancelledData::runId).toList();
                return new CancelView(experimentId, ids.size(), ids);
            });
        });
    }

    public Uni<Optional<RunView>> find(UUID id) {
        return repository.find(id);
    }

    public Uni<RunView> get(UUID id) {
        return repository.find(id).map(found -> found.orElseThrow(() -> new ResourceNotFound("run", id)));
    }

    public Uni<Page<RunSummary>> list(RunQuery query, String cursor, int limit) {
        return repository.list(query, cursor, limit);
    }

    /** An experiment's runs in full, oldest first, paged; 404 when there is no such experiment. */
    public Uni<Page<RunView>> results(UUID experimentId, String cursor, int limit) {
        Cursor after = cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor);
        return repository.experimentScoring(experimentId).chain(found -> found.isEmpty()
                ? Uni.createFrom().failure(new ResourceNotFound("experiment", experimentId))
                : repository.results(experimentId, after, limit));
    }

    /**
     * Cancels a pending or running run with its run.cancelled event; the replica executing it stops it when the
     * event reaches it, or at its next lease renewal if the message is lost. A run that has ended is a conflict
     * naming its status, one that does not exist a 404.
     */
    public Uni<RunView> cancel(UUID id) {
        return repository.cancel(id).chain(found -> {
            RunRepository.Cancellation cancellation = found.orElseThrow(() -> new ResourceNotFound("run", id));
            if (!cancellation.cancelled()) {
                throw new StateConflict("run " + id + " is already " + cancellation.statusBefore());
            }
            return get(id);
        });
    }

    private Uni<List<UUID>> insertAll(UUID experimentId, List<RunRequest> requests) {
        return repository.experimentScoring(experimentId).chain(scoring -> {
            JsonNode defaults = scoring.orElseThrow(() -> new ResourceNotFound("experiment", experimentId));
            // A batch's runs differ mostly by input and repeat only, which the hash leaves out: hash each identity once.
            Map<ObjectNode, String> hashes = new HashMap<>();
            List<RunRepository.NewRun> runs = requests.stream().map(request -> {
                RunRequest effective = request.scorers() == null && defaults.isArray() && !defaults.isEmpty()
                        ? request.withScorers(defaults) : request;
                ObjectNode stored = mapper.valueToTree(effective);
                String hash = hashes.computeIfAbsent(identity(stored), CanonicalJson::sha256Hex);
                return new RunRepository.NewRun(UUID.randomUUID(), experimentId, stored, hash, effective.agentId(),
                        effective.firstStageModel().orElse(null), OverriddenFields.of(effective));
            }).toList();
            return repository.insert(runs)
                    .invoke(() -> queued.fire(new RunsQueued(runs.size())))
                    .replaceWith(runs.stream().map(RunRepository.NewRun::id).toList());
        });
    }

    /** The identity of a configuration: the config without its input and repeat index (the leaderboard's groups). */
    private static ObjectNode identity(ObjectNode config) {
        ObjectNode identity = config.deepCopy();
        identity.remove("input_data");
        identity.remove("repeat");
        return identity;
    }
}
