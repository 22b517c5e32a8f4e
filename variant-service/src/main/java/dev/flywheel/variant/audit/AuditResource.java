package dev.flywheel.variant.audit;

import dev.flywheel.common.paging.Cursor;
import dev.flywheel.common.paging.Limit;
import dev.flywheel.common.paging.Page;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** SPEC §4 audit API: the version history of an agent and its variants. */
@Path("/api/agents/{agent_id}/audit")
public class AuditResource {

    private final AuditQuery audit;

    public AuditResource(AuditQuery audit) {
        this.audit = audit;
    }

    @GET
    public Uni<Page<AuditEntry>> list(@RestPath("agent_id") UUID agentId,
            @RestQuery String limit, @RestQuery String cursor) {
        return audit.page(agentId, Cursor.decode(cursor), Limit.parse(limit));
    }
}
