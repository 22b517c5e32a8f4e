package dev.flywheel.verify.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.common.paging.Page;
import dev.flywheel.common.problem.InvalidInput;
import dev.flywheel.common.requestid.RequestIds;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.jboss.resteasy.reactive.RestPath;

/** The read-only tool registry over HTTP (SPEC §6); calls are audited like the verifier's own. */
@Path("/api/tools")
public class ToolResource {

    private final ToolRegistry registry;
    private final ToolExecutor executor;

    public ToolResource(ToolRegistry registry, ToolExecutor executor) {
        this.registry = registry;
        this.executor = executor;
    }

    @GET
    public Page<ToolView> list() {
        return Page.last(registry.all().stream().map(ToolView::of).toList());
    }

    @POST
    @Path("/{name}/execute")
    public Uni<ToolResult> execute(@RestPath String name, JsonNode parameters) {
        if (!(parameters instanceof ObjectNode object)) {
            throw new InvalidInput("body", "the tool's parameters must be a JSON object");
        }
        return executor.execute(name, object, AuditContext.forRequest(RequestIds.current()));
    }
}
