package dev.flywheel.run.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.run.events.RunCancelledData;
import dev.flywheel.run.events.RunEvent;
import dev.flywheel.run.events.RunOutcomeData;
import dev.flywheel.run.events.RunPosition;
import dev.flywheel.run.events.RunStartedData;
import dev.flywheel.run.events.StageCompletedData;
import dev.flywheel.run.run.RunView;
import dev.flywheel.run.run.StageView;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The events a client resuming at a position has missed, rebuilt from the run as stored: pub/sub keeps no
 * history, but every event announces a change that is in the database. A resumed stream sends these instead
 * of a second snapshot, with the same types and data as the live events.
 */
final class RunCatchUp {

    private static final Set<String> ENDED = Set.of("completed", "failed", "cancelled");

    private RunCatchUp() {
    }

    /** Where a stored run is: {@code end} once it has ended, else its attempt and completed stages. */
    static RunPosition positionOf(RunView run) {
        if (ENDED.contains(run.status())) {
            return RunPosition.END;
        }
        return RunPosition.at(run.attempt(), "pending".equals(run.status()) ? 0 : run.stages().size());
    }

    static boolean ended(RunView run) {
        return ENDED.contains(run.status());
    }

    /** The events after {@code seen}, oldest first; none when the client is up to date. */
    static List<RunEvent> since(RunView run, RunPosition seen, ObjectMapper mapper) {
        List<RunEvent> missed = new ArrayList<>();
        if (seen.ended() || !positionOf(run).isAfter(seen)) {
            return missed;
        }
        int from = seen.stages();
        if (run.attempt() > seen.attempt() && run.startedAt() != null) {
            missed.add(event(RunEvent.STARTED, run, RunPosition.at(run.attempt(), 0), mapper,
                    new RunStartedData(run.id(), run.experimentId(), run.agentId(), run.attempt())));
            from = 0;
        }
        for (StageView stage : run.stages()) {
            if (stage.stageIndex() >= from) {
                missed.add(event(RunEvent.STAGE_COMPLETED, run, RunPosition.at(run.attempt(), stage.stageIndex() + 1), mapper,
                        new StageCompletedData(run.id(), run.experimentId(), run.agentId(), run.variantId(), stage.stageIndex(),
                                stage.modelUsed(), stage.tokensIn(), stage.tokensOut(), stage.latencyMs(), stage.cached(),
                                run.attempt())));
            }
        }
        if (ended(run)) {
            missed.add(terminal(run, mapper));
        }
        return missed;
    }

    private static RunEvent terminal(RunView run, ObjectMapper mapper) {
        if ("cancelled".equals(run.status())) {
            return event(RunEvent.CANCELLED, run, RunPosition.END, mapper, new RunCancelledData(run.id(), run.experimentId(),
                    run.agentId(), run.variantId(), run.status(), run.attempt()));
        }
        boolean completed = "completed".equals(run.status());
        return event(completed ? RunEvent.COMPLETED : RunEvent.FAILED, run, RunPosition.END, mapper,
                new RunOutcomeData(run.id(), run.experimentId(), run.agentId(), run.variantId(), run.status(), completed,
                        run.durationMs(), run.tokensIn(), run.tokensOut(), run.meanScore(), run.error(),
                        run.overriddenFields()));
    }

    private static RunEvent event(String type, RunView run, RunPosition position, ObjectMapper mapper, Object data) {
        return new RunEvent(type, null, run.id(), run.experimentId(),
                position.ended() ? run.completedAt() : run.startedAt(), position, mapper.valueToTree(data));
    }
}
