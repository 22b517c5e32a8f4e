package dev.flywheel.variant.resolve;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestPath;

/** The config run-service applies to an agent's run (cross-service contract, SPEC §4). */
@Path("/api/agents")
public class ResolutionResource {

    private final ResolutionService resolution;

    public ResolutionResource(ResolutionService resolution) {
        this.resolution = resolution;
    }

    @GET
    @Path("/{agent_id}/resolved-config")
    public Uni<ResolvedAgentConfig> byId(@RestPath("agent_id") UUID agentId) {
        return resolution.byId(agentId);
    }

    @GET
    @Path("/by-slug/{slug}/resolved-config")
    public Uni<ResolvedAgentConfig> bySlug(@RestPath String slug) {
        return resolution.bySlug(slug);
    }
}
