package dev.flywheel.verify.verification;

import dev.flywheel.common.context.SafeContext;
import dev.flywheel.verify.VerifyConfig;
import dev.flywheel.verify.assess.RecoveryAssessor;
import dev.flywheel.verify.assess.VerificationResult;
import dev.flywheel.verify.collect.OnContext;
import dev.flywheel.verify.collect.StateCollector;
import dev.flywheel.verify.tool.ToolCall;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;

/**
 * Carries out a verification (SPEC §6): waits out the warmup without holding a thread (thousands may
 * wait at once), collects the post state within {@code verify.timeout}, assesses it and completes the
 * record. Collection past the timeout gives {@code timeout}, any other collection error {@code failed}:
 * the verification itself never errors.
 */
@ApplicationScoped
public class VerificationRunner {

    private static final Logger LOG = Logger.getLogger(VerificationRunner.class);

    private final Vertx vertx;
    private final StateCollector collector;
    private final VerificationService verifications;
    private final Duration timeout;

    public VerificationRunner(Vertx vertx, StateCollector collector, VerificationService verifications,
            VerifyConfig config) {
        this.vertx = vertx;
        this.collector = collector;
        this.verifications = verifications;
        this.timeout = config.timeout();
    }

    /** Runs the job on a context of its own and emits the finished verification. */
    public Uni<VerificationView> run(VerificationJob job) {
        return SafeContext.run(vertx, () -> verify(job));
    }

    /**
     * Starts the job and returns at once. Should this replica die first, the job's lease runs out and
     * {@link StalledVerificationSweeper} finishes it elsewhere.
     */
    public void start(VerificationJob job) {
        run(job).subscribe().with(
                done -> LOG.debugf("verification %s done: %s", done.id(), done.result()),
                failure -> LOG.warnf("verification %s not completed, its lease will hand it over: %s", job.id(),
                        failure.toString()));
    }

    private Uni<VerificationView> verify(VerificationJob job) {
        Executor onContext = OnContext.current();
        List<ToolCall> calls = collector.plan(job.incident());
        return warmup(job.warmupSec())
                .emitOn(onContext)
                .chain(() -> outcome(job, calls))
                .emitOn(onContext)
                .chain(outcome -> verifications.complete(job.id(), outcome))
                .emitOn(onContext);
    }

    private static Uni<Void> warmup(int seconds) {
        Uni<Void> now = Uni.createFrom().voidItem();
        return seconds == 0 ? now : now.onItem().delayIt().by(Duration.ofSeconds(seconds));
    }

    private Uni<Outcome> outcome(VerificationJob job, List<ToolCall> calls) {
        List<String> tools = calls.stream().map(ToolCall::tool).toList();
        return Uni.createFrom().deferred(() -> collector.collect(job.incidentId(), calls, StateCollector.POST_EXECUTION))
                .ifNoItem().after(timeout).fail()
                .map(collected -> new Outcome(RecoveryAssessor.assess(job.preState(), collected.state(), job.actionTaken()),
                        collected.state(), null, tools))
                .onFailure(TimeoutException.class).recoverWithItem(() -> new Outcome(VerificationResult.TIMEOUT, null,
                        "the tools " + String.join(", ", tools) + " did not answer within " + timeout.toMillis() + " ms"
                                + " (verify.timeout)", tools))
                .onFailure().recoverWithItem(failure -> {
                    LOG.infof("verification %s: post state not collected: %s", job.id(), failure.toString());
                    return new Outcome(VerificationResult.FAILED, null, reason(failure), tools);
                });
    }

    // A CollectionFailed message names each tool and its error; anything else is unexpected and named by its kind.
    private static String reason(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }
}
