package dev.flywheel.verify.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.verify.VerifyConfig;
import dev.flywheel.verify.collect.CollectedState;
import dev.flywheel.verify.collect.OnContext;
import dev.flywheel.verify.collect.StateCollector;
import dev.flywheel.verify.incident.Incident;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Records the state before a remediation (SPEC §6). Collection is bounded by {@code verify.timeout};
 * when it fails or times out the snapshot holds {@code {}}: a missing pre-state must never block the
 * remediation that asked for it.
 */
@ApplicationScoped
public class PreStateCapture {

    private static final Logger LOG = Logger.getLogger(PreStateCapture.class);

    private final StateCollector collector;
    private final SnapshotService snapshots;
    private final ObjectMapper mapper;
    private final Duration timeout;

    public PreStateCapture(StateCollector collector, SnapshotService snapshots, ObjectMapper mapper,
            VerifyConfig config) {
        this.collector = collector;
        this.snapshots = snapshots;
        this.mapper = mapper;
        this.timeout = config.timeout();
    }

    public Uni<SnapshotView> capture(String incidentId, Incident incident) {
        return Uni.createFrom().deferred(() -> collector.collect(incidentId, collector.plan(incident),
                        StateCollector.PRE_EXECUTION))
                .ifNoItem().after(timeout).fail()
                .map(CollectedState::state)
                .onFailure().recoverWithItem(failure -> {
                    LOG.infof("pre-state of incident %s not collected: %s", incidentId, failure.toString());
                    return mapper.createObjectNode();
                })
                .emitOn(OnContext.current())
                .chain(state -> snapshots.recordPreState(incidentId, state));
    }
}
