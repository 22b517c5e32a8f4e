package dev.flywheel.verify.tool;

import dev.flywheel.common.paging.Limit;
import dev.flywheel.common.paging.Page;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** The audit trail of the tool calls made for an incident, in the order they were made. */
@Path("/api/incidents/{incident_id}/tool-calls")
public class ToolAuditResource {

    private final ToolAuditLog audit;

    public ToolAuditResource(ToolAuditLog audit) {
        this.audit = audit;
    }

    @GET
    public Uni<Page<ToolCallRecord>> calls(@RestPath("incident_id") @Size(max = 200) String incidentId,
            @RestQuery String limit, @RestQuery String cursor) {
        return audit.forTrace(incidentId, Limit.parse(limit), cursor);
    }
}
