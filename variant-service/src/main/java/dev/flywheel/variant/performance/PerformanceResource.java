package dev.flywheel.variant.performance;

import dev.flywheel.common.paging.Cursor;
import dev.flywheel.common.paging.Limit;
import dev.flywheel.common.paging.Page;
import dev.flywheel.common.problem.InvalidInput;
import dev.flywheel.variant.VariantConfig;
import dev.flywheel.variant.variant.VariantService;
import dev.flywheel.variant.variant.VariantView;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** SPEC §4 performance API: metrics of a variant, its run history, and variants compared with the base config. */
@Path("/api/agents/{agent_id}")
public class PerformanceResource {

    private final VariantService variants;
    private final MetricsQuery metrics;
    private final VariantConfig config;

    public PerformanceResource(VariantService variants, MetricsQuery metrics, VariantConfig config) {
        this.variants = variants;
        this.metrics = metrics;
        this.config = config;
    }

    @GET
    @Path("/variants/{variant_id}/metrics")
    public Uni<MetricsView> metrics(@RestPath("agent_id") UUID agentId, @RestPath("variant_id") UUID variantId,
            @RestQuery String since) {
        Instant from = MetricsQuery.since(since);
        return variants.get(agentId, variantId).chain(variant -> metrics.forVariant(agentId, variant, from));
    }

    /**
     * The variant's metrics per time bucket ({@code bucket}, default 1h) since {@code since} (default: the last
     * {@code variant.performance.series-default-buckets} buckets), for a chart of the variant over time.
     */
    @GET
    @Path("/variants/{variant_id}/metrics/series")
    public Uni<SeriesView> series(@RestPath("agent_id") UUID agentId, @RestPath("variant_id") UUID variantId,
            @RestQuery String bucket, @RestQuery String since) {
        Bucket width = Bucket.parse(bucket);
        Instant now = Instant.now();
        Instant from = MetricsQuery.since(since);
        if (from == null) {
            from = now.minus(width.width().multipliedBy(config.performance().seriesDefaultBuckets()));
        }
        long buckets = Duration.between(from, now).toSeconds() / width.width().toSeconds();
        if (buckets > config.performance().seriesMaxBuckets()) {
            throw new InvalidInput("since", "spans " + buckets + " buckets of " + width.text() + "; at most "
                    + config.performance().seriesMaxBuckets() + " (choose a wider bucket or a later since)");
        }
        Instant start = from;
        return variants.get(agentId, variantId).chain(variant -> metrics.series(agentId, variantId, width, start));
    }

    @GET
    @Path("/variants/{variant_id}/history")
    public Uni<Page<HistoryEntry>> history(@RestPath("agent_id") UUID agentId, @RestPath("variant_id") UUID variantId,
            @RestQuery String limit, @RestQuery String cursor) {
        Cursor after = Cursor.decode(cursor);
        int size = Limit.parse(limit);
        return variants.get(agentId, variantId).chain(variant -> metrics.history(variantId, after, size));
    }

    /** Without {@code variant_ids}, every variant of the agent is compared. */
    @GET
    @Path("/compare")
    public Uni<CompareView> compare(@RestPath("agent_id") UUID agentId, @RestQuery("variant_ids") String variantIds,
            @RestQuery String since) {
        Instant from = MetricsQuery.since(since);
        List<UUID> ids = parseIds(variantIds);
        Uni<List<VariantView>> compared = ids.isEmpty()
                ? variants.all(agentId)
                : Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> variants.get(agentId, id))
                        .collect().asList();
        return compared.chain(list -> metrics.compare(agentId, list, from));
    }

    private List<UUID> parseIds(String variantIds) {
        if (variantIds == null) {
            return List.of();
        }
        List<String> parts = Arrays.stream(variantIds.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .distinct().toList();
        if (parts.size() > config.performance().compareMaxVariants()) {
            throw new InvalidInput("variant_ids", "at most " + config.performance().compareMaxVariants()
                    + " variants can be compared at once");
        }
        try {
            return parts.stream().map(UUID::fromString).toList();
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("variant_ids", "must be a comma-separated list of variant ids");
        }
    }
}
