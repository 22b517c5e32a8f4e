package dev.flywheel.run.agent;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** variant-service's config resolution, the contract fixed by the lead (SPEC §4). */
@RegisterRestClient(configKey = "variant-service")
@Path("/api/agents")
public interface VariantServiceClient {

    @GET
    @Path("/{agent_id}/resolved-config")
    Uni<ResolvedAgentConfig> resolve(@PathParam("agent_id") UUID agentId);

    @GET
    @Path("/by-slug/{slug}/resolved-config")
    Uni<ResolvedAgentConfig> resolveBySlug(@PathParam("slug") String slug);
}
