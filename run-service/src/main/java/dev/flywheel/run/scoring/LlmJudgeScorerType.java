package dev.flywheel.run.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.flywheel.run.RunServiceConfig;
import dev.flywheel.run.adapter.CompletionRequest;
import dev.flywheel.run.adapter.ModelCalls;
import dev.flywheel.run.adapter.ModelRef;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Asks a model to rate the output from 1 to 10 against {@code criteria} and normalises the rating to
 * [0, 1] as (rating − 1) / 9, so the worst rating scores 0 and the best 1. An answer without a rating is
 * a scorer error, not a zero.
 */
@ApplicationScoped
public class LlmJudgeScorerType implements ScorerType {

    private static final Pattern RATING = Pattern.compile("\\b(10|[1-9])\\b");
    private static final String DEFAULT_CRITERIA = "How well does the answer respond to the input: correct, complete and clear?";

    private final ModelCalls models;
    private final RunServiceConfig config;

    public LlmJudgeScorerType(ModelCalls models, RunServiceConfig config) {
        this.models = models;
        this.config = config;
    }

    @Override
    public String type() {
        return "llm_judge";
    }

    @Override
    public Scorer create(String name, JsonNode spec) {
        ModelRef model;
        try {
            model = ModelRef.parse(SpecOptions.optionalText(spec, "model", config.scoring().judgeModel()));
        } catch (IllegalArgumentException e) {
            throw new InvalidScorerSpec("model", e.getMessage());
        }
        if (!models.knows(model.provider())) {
            throw new InvalidScorerSpec("model", "unknown provider '" + model.provider() + "'");
        }
        String criteria = SpecOptions.optionalText(spec, "criteria", DEFAULT_CRITERIA);
        return new Scorer() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Uni<Double> score(ScoringInput input) {
                CompletionRequest request = new CompletionRequest(judgePrompt(criteria, input), null, model.name(),
                        Map.of("temperature", 0), config.providers().requestTimeout(), config.providers().maxRetries());
                return models.complete(model, request).map(completion -> normalise(completion.text()));
            }
        };
    }

    static String judgePrompt(String criteria, ScoringInput input) {
        return "You are grading an answer. " + criteria + "\n\nInput:\n" + input.inputText() + "\n\nAnswer:\n"
                + input.output() + "\n\nReply with only a whole number from 1 (worst) to 10 (best).";
    }

    static double normalise(String answer) {
        Matcher matcher = RATING.matcher(answer == null ? "" : answer);
        if (!matcher.find()) {
            throw new IllegalStateException("the judge gave no rating from 1 to 10");
        }
        return (Integer.parseInt(matcher.group(1)) - 1) / 9.0;
    }
}
