package dev.flywheel.variant.performance;

import dev.flywheel.common.events.CloudEvent;
import dev.flywheel.common.events.StreamReader;
import dev.flywheel.variant.VariantConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Appends run outcomes from run-service's durable stream to the performance log (SPEC §4). The stream
 * reader acknowledges an event only after the insert committed, and the unique event id makes a
 * redelivered event a no-op. An outcome for an agent this service does not know is dropped, and a
 * variant that no longer exists is credited to nobody (null), so one stale event cannot block the stream.
 * A run that overrode the agent's model or template is recorded with what it overrode, so the history can
 * show it while the metrics leave it out (SPEC §10).
 */
@ApplicationScoped
public class PerformanceIngestor {

    private static final Logger LOG = Logger.getLogger(PerformanceIngestor.class);
    static final String INSERT = """
            insert into agent_performance_log
                (id, agent_id, variant_id, run_id, event_id, success, latency_ms, tokens_in, tokens_out, score, recorded_at,
                 overridden_fields)
            select $1::uuid, a.id, (select v.id from agent_variants v where v.id = $3::uuid and v.agent_id = a.id),
                   $4::uuid, $5::uuid, $6::boolean, $7::bigint, $8::bigint, $9::bigint, $10::float8, $11::timestamptz,
                   $12::text[]
            from agents a where a.id = $2::uuid
            on conflict (event_id) do nothing""";

    private final Pool pool;
    private final StreamReader reader;
    private final VariantConfig config;

    public PerformanceIngestor(Pool pool, StreamReader reader, VariantConfig config) {
        this.pool = pool;
        this.reader = reader;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        if (config.performance().ingestEnabled()) {
            reader.subscribe(config.performance().source(), config.performance().consumerGroup(), this::handle);
        }
    }

    /** Records the event's run outcome once; answers when the row is committed (or there is nothing to record). */
    public Uni<Void> handle(CloudEvent event) {
        RunOutcome outcome;
        try {
            outcome = RunOutcome.of(event).orElse(null);
        } catch (IllegalArgumentException e) {
            LOG.warnf("dropped %s event %s that breaks the run event contract: %s", event.type(), event.id(),
                    e.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (outcome == null) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(INSERT).execute(Tuple.from(new Object[] { UUID.randomUUID(), outcome.agentId(),
                outcome.variantId(), outcome.runId(), outcome.eventId(), outcome.success(), outcome.latencyMs(),
                outcome.tokensIn(), outcome.tokensOut(), outcome.score(),
                outcome.recordedAt().atOffset(ZoneOffset.UTC), outcome.overriddenFields().toArray(String[]::new) }))
                .replaceWithVoid();
    }
}
