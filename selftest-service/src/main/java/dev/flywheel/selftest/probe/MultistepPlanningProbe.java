package dev.flywheel.selftest.probe;

import dev.flywheel.common.peer.PeerCall;
import dev.flywheel.common.problem.UpstreamUnavailable;
import dev.flywheel.selftest.LoopQaConfig;
import dev.flywheel.selftest.capability.Capability;
import dev.flywheel.selftest.peer.PeersConfig;
import dev.flywheel.selftest.peer.RunServiceClient;
import dev.flywheel.selftest.peer.RunServiceClient.ExperimentRequest;
import dev.flywheel.selftest.peer.RunServiceClient.ExperimentView;
import dev.flywheel.selftest.peer.RunServiceClient.PipelineStage;
import dev.flywheel.selftest.peer.RunServiceClient.RunRequest;
import dev.flywheel.selftest.peer.RunServiceClient.RunView;
import dev.flywheel.selftest.peer.RunServiceClient.StageView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * multistep_planning: a two-stage echo pipeline on run-service whose second stage quotes the first; only a
 * fresh marker that made it through both stages proves the plan was carried from one step to the next.
 */
@ApplicationScoped
public class MultistepPlanningProbe implements CapabilityProbe {

    static final String PEER = "run-service";
    /** The marker reaches stage 2 only through {@code prev_output}: neither template contains it. */
    static final String FIRST_STAGE = "Self-test plan, step 1. Carry this marker forward: {{ input }}";
    static final String SECOND_STAGE = "Self-test plan, step 2. Step 1 said: {{ prev_output }}";
    private static final Set<String> FINISHED = Set.of("completed", "failed", "cancelled");
    private static final String REMEMBER = "insert into planning_experiment (name, experiment_id) values (:name, :id)"
            + " on conflict (name) do nothing";

    private final RunServiceClient runs;
    private final PeerCall runService;
    private final LoopQaConfig.MultistepPlanning settings;

    public MultistepPlanningProbe(@RestClient RunServiceClient runs, PeersConfig peers, LoopQaConfig config) {
        this.runs = runs;
        this.runService = PeerCall.to(PEER, peers.runService());
        this.settings = config.multistepPlanning();
    }

    @Override
    public Capability capability() {
        return Capability.MULTISTEP_PLANNING;
    }

    @Override
    public Uni<ProbeResult> run() {
        return ProbeGuard.guard(capability(), () -> {
            String marker = "plan-marker-" + UUID.randomUUID();
            return experimentId()
                    .chain(experimentId -> submit(experimentId, marker))
                    .chain(submitted -> awaitFinished(submitted.id()))
                    .map(run -> judge(run, marker));
        });
    }

    private Uni<UUID> experimentId() {
        return Panache.withSession(() -> PlanningExperiment.<PlanningExperiment>findById(settings.experimentName()))
                .chain(known -> known != null ? Uni.createFrom().item(known.experimentId) : createExperiment());
    }

    /** Two replicas may race to create it; the first one remembered wins and both use that one. */
    private Uni<UUID> createExperiment() {
        ExperimentRequest request = new ExperimentRequest(settings.experimentName(),
                "Runs submitted by selftest-service's multistep_planning probe");
        return runService.<ExperimentView>call(() -> runs.createExperiment(request))
                .map(created -> require(created == null ? null : created.id(), "experiment id"))
                .chain(id -> Panache.withTransaction(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(REMEMBER)
                                .setParameter("name", settings.experimentName())
                                .setParameter("id", id)
                                .executeUpdate())))
                .chain(() -> Panache.withSession(
                        () -> PlanningExperiment.<PlanningExperiment>findById(settings.experimentName())))
                .map(remembered -> remembered.experimentId);
    }

    private Uni<RunView> submit(UUID experimentId, String marker) {
        RunRequest request = new RunRequest(List.of(new PipelineStage(FIRST_STAGE, settings.model()),
                new PipelineStage(SECOND_STAGE, settings.model())), marker, false);
        return runService.<RunView>call(() -> runs.submitRun(experimentId, request)
                        .onFailure(MultistepPlanningProbe::experimentGone).call(this::forgetExperiment))
                .map(run -> {
                    require(run == null ? null : run.id(), "run id");
                    return run;
                });
    }

    private static boolean experimentGone(Throwable error) {
        return error instanceof WebApplicationException web && web.getResponse().getStatus() == 404;
    }

    /** run-service no longer knows the experiment: the next probe creates a new one. */
    private Uni<Void> forgetExperiment() {
        return Panache.withTransaction(() -> PlanningExperiment.deleteById(settings.experimentName()))
                .replaceWithVoid();
    }

    private Uni<RunView> awaitFinished(UUID runId) {
        return Uni.createFrom().deferred(() -> runService.<RunView>call(() -> runs.run(runId)))
                .map(run -> {
                    require(run == null ? null : run.status(), "run status");
                    return run;
                })
                .repeat().withDelay(settings.pollInterval()).whilst(run -> !FINISHED.contains(run.status()))
                .collect().last()
                .ifNoItem().after(settings.runTimeout()).failWith(() -> new TimeoutException(
                        "run " + runId + " did not finish within " + settings.runTimeout().toMillis() + " ms"));
    }

    private ProbeResult judge(RunView run, String marker) {
        if (!"completed".equals(run.status())) {
            return ProbeResult.failed(capability(), "run " + run.id() + " ended " + run.status()
                    + (run.error() == null ? "" : ": " + run.error()), "RunFailed");
        }
        List<StageView> stages = run.stages() == null ? List.of() : run.stages();
        StageView second = stages.stream().filter(s -> s.stageIndex() != null && s.stageIndex() == 1).findFirst()
                .orElse(stages.size() > 1 ? stages.get(1) : null);
        if (second == null) {
            return ProbeResult.failed(capability(), "run " + run.id() + " completed with " + stages.size()
                    + " stage(s) instead of 2", "StageMissing");
        }
        if (second.responseRaw() == null || !second.responseRaw().contains(marker)) {
            return ProbeResult.failed(capability(), "stage 2 of run " + run.id() + " does not quote marker " + marker
                    + " from stage 1", "MarkerMissing");
        }
        return ProbeResult.passed(capability(), "marker " + marker + " made it through both stages of run " + run.id());
    }

    private static <T> T require(T value, String what) {
        if (value == null) {
            throw new UpstreamUnavailable(PEER, "answered without a " + what, null);
        }
        return value;
    }
}
