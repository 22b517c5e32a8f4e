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
import dev.flywheel.run.scoring.Scorers;
import dev.flywheel.run.scoring.ScoringInput;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Executes one claimed run (SPEC §5): resolves its agent once, renders and calls each stage in order
 * (cache first), applies the agent's token limits, scores the final output and completes the run; any
 * failure on the way fails it with a message naming the stage. Nothing is written once the worker has
 * lost the run ({@link LeaseLost}). Its events go only to the outbox, with the change they announce: local
 * listeners hear them from Redis like every other replica's.
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

    /** Runs to the end; completes when the outcome is stored. Never fails, except for a lost lease. */
    public Uni<Void> execute(ClaimedRun run) {
        RunRequest request;
        try {
            request = mapper.treeToValue(run.config(), RunRequest.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return fail(run, new RunFailure("the stored run config is unreadable: " + e.getMessage()));
        }
        return store.reset(run)
                .chain(() -> resolveAgent(run, request))
                .chain(agent -> {
                    RunPlan plan = planner.plan(request, agent.orElse(null));
                    List<Scorer> runScorers = scorers.build(request.scorers(), "scorers");
                    StageContext context = new StageContext(mapper, request.inputData(), run.config());
                    return runStages(run, request, plan, context, 0, new int[2])
                            .chain(() -> scorers.apply(runScorers, new ScoringInput(request.inputData(), context.finalOutput(),
                                    run.config())))
                            .chain(outcomes -> store.complete(run, outcomes));
                })
                .replaceWithVoid()
                .onFailure(failure -> !(failure instanceof LeaseLost)).recoverWithUni(failure -> fail(run, failure));
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

    private Uni<Void> runStages(ClaimedRun run, RunRequest request, RunPlan plan, StageContext context, int index,
            int[] tokens) {
        if (index >= plan.stages().size()) {
            return Uni.createFrom().voidItem();
        }
        PlannedStage stage = plan.stages().get(index);
        String where = "stage " + index;
        return renderer.render(stage.template(), context.forStage(index))
                .onFailure(TemplateFailure.class).transform(e -> new RunFailure("stages[" + index + "]: " + e.getMessage(), e))
                .chain(prompt -> {
                    int estimate = TokenEstimate.of(stage.systemPrompt()) + TokenEstimate.of(prompt);
                    if (plan.inputTokenLimit() > 0 && estimate > plan.inputTokenLimit()) {
                        throw new RunFailure(where + ": the prompt is about " + estimate
                                + " tokens, over the agent's input_token_limit of " + plan.inputTokenLimit());
                    }
                    return answer(request, stage, prompt)
                            .onFailure(f -> !(f instanceof LeaseLost) && !(f instanceof RunFailure))
                            .transform(e -> new RunFailure(where + " (" + stage.model() + "): " + e.getMessage(), e))
                            .chain(answer -> store.saveStage(run, new StageRecord(index, prompt, answer.completion().text(),
                                    answer.completion().model(), answer.completion().tokensIn(),
                                    answer.completion().tokensOut(), answer.completion().latencyMs(), answer.cached()))
                                    .invoke(data -> {
                                        context.completed(prompt, data.modelUsed(), answer.completion().text());
                                        tokens[0] += data.tokensIn();
                                        tokens[1] += data.tokensOut();
                                        int used = tokens[0] + tokens[1];
                                        if (plan.tokenBudget() > 0 && used > plan.tokenBudget()) {
                                            throw new RunFailure(where + ": the run has used " + used
                                                    + " tokens, over the agent's token_budget of " + plan.tokenBudget());
                                        }
                                    }));
                })
                .chain(() -> runStages(run, request, plan, context, index + 1, tokens));
    }

    private Uni<StageAnswer> answer(RunRequest request, PlannedStage stage, String prompt) {
        CompletionRequest call = new CompletionRequest(prompt, stage.systemPrompt(), stage.model().name(),
                mapper.convertValue(stage.sentParams(), MAP), stage.timeout(), stage.maxRetries());
        if (!request.cacheEnabled()) {
            return models.complete(stage.model(), call).map(completion -> new StageAnswer(completion, false));
        }
        String key = CacheKey.of(prompt, stage.model().toString(), stage.keyParams(), request.inputData(),
                request.repeatIndex());
        return cache.lookup(key).chain(hit -> {
            if (hit.isPresent()) {
                CachedResponse cached = hit.get();
                return Uni.createFrom().item(new StageAnswer(new Completion(cached.response(), cached.tokensIn(),
                        cached.tokensOut(), 0, cached.model()), true));
            }
            return models.complete(stage.model(), call)
                    .call(completion -> cache.store(key, new CachedResponse(completion.text(), completion.model(),
                            completion.tokensIn(), completion.tokensOut(), completion.latencyMs())))
                    .map(completion -> new StageAnswer(completion, false));
        });
    }

    private Uni<Void> fail(ClaimedRun run, Throwable failure) {
        String error = failure instanceof RunFailure ? failure.getMessage()
                : "unexpected failure: " + failure.getClass().getSimpleName() + ": " + failure.getMessage();
        if (failure instanceof RunFailure) {
            // An expected failure (provider error, template error, budget): one line for whoever reads the logs.
            LOG.infof("run %s failed: %s", run.id(), error);
        } else {
            LOG.errorf(failure, "run %s failed unexpectedly", run.id());
        }
        return store.fail(run, error).replaceWithVoid();
    }

    private record StageAnswer(Completion completion, boolean cached) {
    }
}
