package dev.flywheel.cli.eval;

import static dev.flywheel.cli.eval.Fixtures.assertion;
import static dev.flywheel.cli.eval.Fixtures.evalCase;
import static dev.flywheel.cli.eval.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PassRulesTest {

    @Test
    void aCasePassesWhenEveryDeterministicAssertionScoresOne() {
        EvalCase c = evalCase(0, "p", "echo", null, null, assertion("contains", null), assertion("regex", null));
        CaseResult result = PassRules.judge(c, run("completed", "out", "assert-1-contains", 1.0, "assert-2-regex", 1.0));
        assertThat(result.outcome()).isEqualTo(CaseResult.Outcome.PASS);
        assertThat(result.score()).isEqualTo(1.0);
        assertThat(result.output()).isEqualTo("out");
        assertThat(result.latencyMs()).isEqualTo(52);
    }

    @Test
    void oneFailingAssertionFailsTheCaseAndSaysWhich() {
        EvalCase c = evalCase(0, "p", "echo", null, null, assertion("contains", null), assertion("regex", null));
        CaseResult result = PassRules.judge(c, run("completed", "out", "assert-1-contains", 1.0, "assert-2-regex", 0.0));
        assertThat(result.outcome()).isEqualTo(CaseResult.Outcome.FAIL);
        assertThat(result.score()).isEqualTo(0.5);
        assertThat(result.assertions().get(1).reason()).contains("regex scored 0.00, below 1.00");
        assertThat(ResultsTable.reasons(result)).startsWith("tests[0].assert[0].type regex scored");
    }

    @Test
    void llmRubricPassesAtHalfUnlessItSetsItsOwnThreshold() {
        EvalCase lenient = evalCase(0, "p", "echo", null, null, assertion("llm-rubric", null));
        assertThat(PassRules.judge(lenient, run("completed", "o", "assert-1-llm-rubric", 0.5)).passed()).isTrue();
        assertThat(PassRules.judge(lenient, run("completed", "o", "assert-1-llm-rubric", 0.44)).passed()).isFalse();
        EvalCase strict = evalCase(0, "p", "echo", null, null, assertion("llm-rubric", 0.8));
        assertThat(PassRules.judge(strict, run("completed", "o", "assert-1-llm-rubric", 0.7)).passed()).isFalse();
        EvalCase loose = evalCase(0, "p", "echo", null, null, assertion("contains", 0.0));
        assertThat(PassRules.judge(loose, run("completed", "o", "assert-1-contains", 0.0)).passed()).isTrue();
    }

    @Test
    void aTestThresholdPassesOnTheWeightedMean() {
        EvalCase c = evalCase(0, "p", "echo", null, 0.5, assertion("contains", null), assertion("regex", null));
        assertThat(PassRules.judge(c, run("completed", "o", "assert-1-contains", 1.0, "assert-2-regex", 0.0)).passed())
                .isTrue();
        EvalCase higher = evalCase(0, "p", "echo", null, 0.75, assertion("contains", null), assertion("regex", null));
        assertThat(PassRules.judge(higher, run("completed", "o", "assert-1-contains", 1.0, "assert-2-regex", 0.0)).passed())
                .isFalse();
    }

    @Test
    void aRunThatDidNotCompleteIsAnErrorOfItsCase() {
        EvalCase c = evalCase(0, "p", "openai", null, null, assertion("contains", null));
        CaseResult failed = PassRules.judge(c, run("failed", null));
        assertThat(failed.outcome()).isEqualTo(CaseResult.Outcome.ERROR);
        assertThat(failed.error()).contains("500");
        assertThat(PassRules.judge(c, run("cancelled", null)).error()).isEqualTo("cancelled");
    }

    @Test
    void aMissingScoreFailsTheAssertionNamingTheScorerError() {
        EvalCase c = evalCase(0, "p", "echo", null, null, assertion("llm-rubric", null));
        ObjectNode run = run("completed", "o");
        run.withArray("scorer_errors").addObject().put("scorer_name", "assert-1-llm-rubric").put("error", "no rating");
        CaseResult result = PassRules.judge(c, run);
        assertThat(result.outcome()).isEqualTo(CaseResult.Outcome.FAIL);
        assertThat(result.assertions().get(0).reason()).isEqualTo("scorer failed: no rating");
        assertThat(PassRules.judge(c, run("completed", "o")).assertions().get(0).reason()).isEqualTo("no score");
    }

    @Test
    void aCaseWithoutAssertionsPassesWhenItsRunCompleted() {
        EvalCase c = evalCase(0, "p", "echo", null, null);
        assertThat(PassRules.judge(c, run("completed", "o")).passed()).isTrue();
    }

    @Test
    void theExitCodeFollowsFailuresOrThePassRateThreshold() {
        EvalCase a = evalCase(0, "p", "echo", null, null, assertion("contains", null));
        EvalCase b = evalCase(1, "p", "echo", null, null, assertion("contains", null));
        EvalCase e = evalCase(2, "p", "echo", null, null, assertion("contains", null));
        List<CaseResult> results = List.of(PassRules.judge(a, run("completed", "o", "assert-1-contains", 1.0)),
                PassRules.judge(b, run("completed", "o", "assert-1-contains", 1.0)),
                PassRules.judge(e, run("failed", null)));
        EvalReport report = new EvalReport(UUID.randomUUID(), "d", Instant.now(), Duration.ofSeconds(1), results);
        assertThat(report.passed()).isEqualTo(2);
        assertThat(report.errors()).isEqualTo(1);
        assertThat(report.exitCode(null)).isEqualTo(1);
        assertThat(report.exitCode(0.6)).isEqualTo(0);
        assertThat(report.exitCode(2.0 / 3)).isEqualTo(0);
        assertThat(report.exitCode(0.9)).isEqualTo(1);
        EvalReport allPass = new EvalReport(UUID.randomUUID(), "d", Instant.now(), Duration.ZERO, results.subList(0, 2));
        assertThat(allPass.exitCode(null)).isEqualTo(0);
    }
}
