package dev.flywheel.variant.resolve;

import dev.flywheel.common.problem.ResourceNotFound;
import dev.flywheel.variant.config.AgentConfig;
import dev.flywheel.variant.resolve.ConfigResolver.ActiveVariant;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Answers an agent's resolved config from the cache; a miss is one statement on the reactive pg client (the agent
 * and its active variant side by side), with no Hibernate session, so misses cost one round trip each.
 */
@ApplicationScoped
public class ResolutionService {

    /** The twelve config columns, in {@link AgentConfig}'s order. */
    private static final List<String> CONFIG = List.of("model_provider", "model_name", "system_prompt",
            "user_prompt_template", "prompt_version", "temperature", "max_tokens", "context_window",
            "input_token_limit", "token_budget", "timeout_seconds", "max_retries");
    private static final String SELECT = "select a.id, " + columns("a") + ", v.id as variant_id, " + columns("v")
            + " from agents a left join agent_variants v on v.agent_id = a.id and v.is_active";
    static final String BY_ID = SELECT + " where a.id = $1";
    static final String BY_SLUG = SELECT + " where a.slug = $1";

    private final ResolutionCache cache;
    private final Pool pool;

    public ResolutionService(ResolutionCache cache, Pool pool) {
        this.cache = cache;
        this.pool = pool;
    }

    public Uni<ResolvedAgentConfig> byId(UUID agentId) {
        return cache.get(ResolutionCache.byId(agentId), () -> load(BY_ID, agentId));
    }

    public Uni<ResolvedAgentConfig> bySlug(String slug) {
        return cache.get(ResolutionCache.bySlug(slug), () -> load(BY_SLUG, slug));
    }

    private Uni<ResolvedAgentConfig> load(String statement, Object key) {
        return pool.preparedQuery(statement).execute(Tuple.of(key)).map(rows -> {
            RowIterator<Row> found = rows.iterator();
            if (!found.hasNext()) {
                throw new ResourceNotFound("agent", key);
            }
            Row row = found.next();
            UUID variantId = row.getUUID("variant_id");
            Optional<ActiveVariant> active = variantId == null ? Optional.empty()
                    : Optional.of(new ActiveVariant(variantId, config(row, 2 + CONFIG.size())));
            return ConfigResolver.resolve(row.getUUID("id"), config(row, 1), active);
        });
    }

    private static String columns(String table) {
        return CONFIG.stream().map(column -> table + "." + column).collect(Collectors.joining(", "));
    }

    /** The twelve config columns of a row of {@link #SELECT} from {@code first}: the agent's, then the variant's. */
    private static AgentConfig config(Row row, int first) {
        return new AgentConfig(row.getString(first), row.getString(first + 1), row.getString(first + 2),
                row.getString(first + 3), row.getString(first + 4), row.getDouble(first + 5),
                row.getInteger(first + 6), row.getInteger(first + 7), row.getInteger(first + 8),
                row.getInteger(first + 9), row.getInteger(first + 10), row.getInteger(first + 11));
    }
}
