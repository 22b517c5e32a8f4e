package dev.flywheel.run.agent;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestPath;

/** variant-service's config resolution, the contract fixed by the lead (SPEC §4). */
@RegisterRestClient(configKey = "variant-service")
@Path("/api/agents")
public interface VariantServiceClient {

    @GET
    @Path("/{agent_id}/resolved-config")
    Uni<ResolvedAgentConfig> resolve(@RestPath("agent_id") UUID agentId);

    @GET
    @Path("/by-slug/{slug}/resolved-config")
    Uni<ResolvedAgentConfig> resolveBySlug(@RestPath String slug);
}
