package dev.flywheel.run.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.common.problem.ResourceNotFound;
import dev.flywheel.common.problem.UpstreamUnavailable;
import dev.flywheel.run.RunServiceConfig;
import dev.flywheel.run.adapter.Completion;
import dev.flywheel.run.adapter.CompletionRequest;
import dev.flywheel.run.adapter.ModelCalls;
import dev.flywheel.run.adapter.TokenEstimate;
import dev.flywheel.run.agent.AgentResolver;
import dev.flywheel.run.agent.ResolvedAgentConfig;
import dev.flywheel.run.cache.CacheKey;
import dev.flywheel.run.cache.CachedResponse;
import dev.flywheel.run.cache.ResponseCache;
import dev.flywheel.run.run.RunRequest;
import dev.flywheel.run.scoring.Scorer;
import dev.flywheel.run.scoring.ScorerOutcome;
import dev.flywheel.run.scoring.Scorers;
import dev.flywheel.run.scoring.ScoringInput;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Executes one claimed run (SPEC §5): resolves its agent once, runs its stages in order, scores the final output
 * and completes the run; any failure on the way fails it with a message naming the stage. Nothing is written once
 * the worker has lost the run ({@link LeaseLost}). Its events go only to the outbox, with the change they announce:
 * local listeners hear them from Redis like every other replica's. The last stage is stored with the outcome, in
 * the same transaction (one commit fewer per run; its stage_completed event still comes first).
 */
@ApplicationScoped
public class RunExecutor {

    private static final Logger LOG = Logger.getLogger(RunExecutor.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ExecutionStore store;
    private final PromptRenderer renderer;
    private final ModelCalls models;
    private final ResponseCache cache;
    private final Scorers scorers;
    private final AgentResolver agents;
    private final ObjectMapper mapper;
    private final RunPlanner planner;

    public RunExecutor(ExecutionStore store, PromptRenderer renderer, ModelCalls models, ResponseCache cache,
            Scorers scorers, AgentResolver agents, ObjectMapper mapper, RunServiceConfig config) {
        this.store = store;
        this.renderer = renderer;
        this.models = models;
        this.cache = cache;
        this.scorers = scorers;
        this.agents = agents;
        this.mapper = mapper;
        this.planner = new RunPlanner(config.providers().requestTimeout(), config.providers().maxRetries());
    }

    /**
     * Runs to the end; completes once the outcome, completed or failed, is stored. Fails with {@link LeaseLost},
     * having written nothing more, when the run stopped being this worker's (cancelled or re-claimed). Fails with the
     * database's error when the outcome itself cannot be stored (storing the failure failed too): the run then stays
     * {@code running} with a lease nobody renews, and is claimed again when the lease expires, or failed as abandoned
     * after {@code run.worker.max-attempts} claims. When {@code successor} answers true as the outcome is stored, the
     * same transaction claims a pending run for this run's owner: answered, to be executed in this one's place.
     */
    public Uni<Optional<ClaimedRun>> execute(ClaimedRun run, BooleanSupplier successor) {
        RunRequest request;
        try {
            request = mapper.treeToValue(run.config(), RunRequest.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return fail(run, new RunFailure("the stored run config is unreadable: " + e.getMessage()), null, successor);
        }
        // The last stage's record until it is stored: with the outcome, whichever it is, in one transaction.
        AtomicReference<StageRecord> unsaved = new AtomicReference<>();
        return store.reset(run)
                .chain(() -> resolveAgent(run, request))
                .map(agent -> planner.plan(request, agent.orElse(null)))
                .chain(plan -> runStages(run, request, plan, unsaved))
                .chain(done -> score(run, request, done, unsaved))
                .chain(outcomes -> store.complete(run, unsaved.get(), outcomes, successor.getAsBoolean()))
                .onFailure(failure -> !(failure instanceof LeaseLost))
                .recoverWithUni(failure -> fail(run, failure, unsaved.getAndSet(null), successor));
    }

    /**
     * The scorers' outcomes on the final output. A scorer that waits (llm_judge) would hold the last stage back from
     * readers and the event stream for as long as it takes, so that stage is stored first; otherwise it waits for the
     * outcome.
     */
    private Uni<List<ScorerOutcome>> score(ClaimedRun run, RunRequest request, Progress done,
            AtomicReference<StageRecord> unsaved) {
        List<Scorer> built = scorers.build(request.scorers(), "scorers");
        ScoringInput input = new ScoringInput(request.inputData(), done.context().finalOutput(), run.config());
        if (built.stream().allMatch(Scorer::immediate) || unsaved.get() == null) {
            return scorers.apply(built, input);
        }
        return store.saveStage(run, unsaved.getAndSet(null)).chain(() -> scorers.apply(built, input));
    }

    private Uni<Optional<ResolvedAgentConfig>> resolveAgent(ClaimedRun run, RunRequest request) {
        if (!request.agentLinked()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return agents.resolve(request.agentId(), request.agentSlug())
                .onFailure(ResourceNotFound.class).transform(e -> new RunFailure(e.getMessage(), e))
                .onFailure(UpstreamUnavailable.class).transform(e -> new RunFailure(e.getMessage(), e))
                .call(agent -> store.recordAgent(run, agent.agentId(), agent.variantId(),
                        RunPlanner.firstStageModel(request, agent)))
                .map(Optional::of);
    }

    /**
     * The stages one after the other, each starting from what the earlier ones produced; every stage but the last is
     * stored as it completes, the last one is left in {@code unsaved}.
     */
    private Uni<Progress> runStages(ClaimedRun run, RunRequest request, RunPlan plan,
            AtomicReference<StageRecord> unsaved) {
        Uni<Progress> progress = Uni.createFrom().item(new Progress(new StageContext(mapper, request.inputData(),
                run.config()), 0));
        List<PlannedStage> stages = plan.stages();
        for (int i = 0; i < stages.size(); i++) {
            PlannedStage stage = stages.get(i);
            Function<StageRecord, Uni<?>> keep = i < stages.size() - 1 ? answered -> store.saveStage(run, answered)
                    : answered -> {
                        unsaved.set(answered);
                        return Uni.createFrom().voidItem();
                    };
            progress = progress.chain(done -> runStage(request, plan, stage, done, keep));
        }
        return progress;
    }

    /** One stage: render its prompt, check the input limit, answer it (cache first), keep it, check the budget. */
    private Uni<Progress> runStage(RunRequest request, RunPlan plan, PlannedStage stage, Progress done,
            Function<StageRecord, Uni<?>> keep) {
        return renderer.render(stage.template(), done.context().variables())
                .onFailure(TemplateFailure.class)
                .transform(e -> new RunFailure("stages[" + stage.index() + "]: " + e.getMessage(), e))
                .invoke(prompt -> checkInputLimit(plan, stage, prompt))
                .chain(prompt -> answer(request, stage, prompt))
                .onFailure(failure -> !(failure instanceof LeaseLost) && !(failure instanceof RunFailure))
                .transform(e -> new RunFailure(where(stage) + " (" + stage.model() + "): " + e.getMessage(), e))
                .call(keep)
                .map(done::after)
                .invoke(progress -> checkTokenBudget(plan, stage, progress));
    }

    private static void checkInputLimit(RunPlan plan, PlannedStage stage, String prompt) {
        int estimate = TokenEstimate.of(stage.systemPrompt()) + TokenEstimate.of(prompt);
        if (plan.inputTokenLimit() > 0 && estimate > plan.inputTokenLimit()) {
            throw new RunFailure(where(stage) + ": the prompt is about " + estimate
                    + " tokens, over the agent's input_token_limit of " + plan.inputTokenLimit());
        }
    }

    private static void checkTokenBudget(RunPlan plan, PlannedStage stage, Progress progress) {
        if (plan.tokenBudget() > 0 && progress.tokensUsed() > plan.tokenBudget()) {
            throw new RunFailure(where(stage) + ": the run has used " + progress.tokensUsed()
                    + " tokens, over the agent's token_budget of " + plan.tokenBudget());
        }
    }

    private static String where(PlannedStage stage) {
        return "stage " + stage.index();
    }

    /** The stage's answer as it is stored: from the cache when the run allows it and has one, else from the model. */
    private Uni<StageRecord> answer(RunRequest request, PlannedStage stage, String prompt) {
        CompletionRequest call = new CompletionRequest(prompt, stage.systemPrompt(), stage.model().name(),
                mapper.convertValue(stage.sentParams(), MAP), stage.timeout(), stage.maxRetries());
        if (!request.cacheEnabled()) {
            return models.complete(stage.model(), call).map(completion -> record(stage, prompt, completion, false));
        }
        String key = CacheKey.of(prompt, stage.model().toString(), stage.keyParams(), request.inputData(),
                request.repeatIndex());
        return cache.lookup(key).chain(hit -> hit.isPresent()
                ? Uni.createFrom().item(cachedRecord(stage, prompt, hit.get()))
                : models.complete(stage.model(), call)
                        .call(completion -> cache.store(key, new CachedResponse(completion.text(), completion.model(),
                                completion.tokensIn(), completion.tokensOut(), completion.latencyMs())))
                        .map(completion -> record(stage, prompt, completion, false)));
    }

    private static StageRecord cachedRecord(PlannedStage stage, String prompt, CachedResponse cached) {
        return record(stage, prompt, new Completion(cached.response(), cached.tokensIn(), cached.tokensOut(), 0,
                cached.model()), true);
    }

    private static StageRecord record(PlannedStage stage, String prompt, Completion completion, boolean cached) {
        return new StageRecord(stage.index(), prompt, completion.text(), completion.model(), completion.tokensIn(),
                completion.tokensOut(), completion.latencyMs(), cached);
    }

    private Uni<Optional<ClaimedRun>> fail(ClaimedRun run, Throwable failure, StageRecord lastStage,
            BooleanSupplier successor) {
        String error = failure instanceof RunFailure ? failure.getMessage()
                : "unexpected failure: " + failure.getClass().getSimpleName() + ": " + failure.getMessage();
        if (failure instanceof RunFailure) {
            // An expected failure (provider error, template error, budget): one line for whoever reads the logs.
            LOG.infof("run %s failed: %s", run.id(), error);
        } else {
            LOG.errorf(failure, "run %s failed unexpectedly", run.id());
        }
        return store.fail(run, error, lastStage, successor.getAsBoolean());
    }

    /** What the stages done so far produced: the next stage's context and the tokens used. */
    private record Progress(StageContext context, int tokensUsed) {

        Progress after(StageRecord stage) {
            return new Progress(context.withStage(stage.promptSent(), stage.modelUsed(), stage.responseRaw()),
                    tokensUsed + stage.tokensIn() + stage.tokensOut());
        }
    }
}
