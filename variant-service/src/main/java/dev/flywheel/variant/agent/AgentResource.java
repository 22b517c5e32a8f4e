package dev.flywheel.variant.agent;

import dev.flywheel.variant.config.OnCreate;
import dev.flywheel.variant.paging.Cursor;
import dev.flywheel.variant.paging.Page;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.groups.ConvertGroup;
import jakarta.validation.groups.Default;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.net.URI;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** SPEC §4 agents API. */
@Path("/api/agents")
public class AgentResource {

    private final AgentService agents;

    public AgentResource(AgentService agents) {
        this.agents = agents;
    }

    @GET
    public Uni<Page<AgentView>> list(@RestQuery String limit,
            @RestQuery String cursor) {
        return agents.list(Cursor.decode(cursor), Page.limit(limit));
    }

    @POST
    public Uni<RestResponse<AgentView>> create(@NotNull @Valid @ConvertGroup(from = Default.class, to = OnCreate.class)
            AgentRequest request) {
        return agents.create(request)
                .map(agent -> RestResponse.ResponseBuilder.<AgentView>created(URI.create("/api/agents/" + agent.id()))
                        .entity(agent).build());
    }

    @GET
    @Path("/{agent_id}")
    public Uni<AgentView> get(@RestPath("agent_id") UUID agentId) {
        return agents.get(agentId);
    }

    @GET
    @Path("/by-slug/{slug}")
    public Uni<AgentView> bySlug(@RestPath String slug) {
        return agents.bySlug(slug);
    }

    @PATCH
    @Path("/{agent_id}")
    public Uni<AgentView> update(@RestPath("agent_id") UUID agentId, @NotNull @Valid AgentRequest request) {
        return agents.update(agentId, request);
    }

    @DELETE
    @Path("/{agent_id}")
    public Uni<RestResponse<Void>> delete(@RestPath("agent_id") UUID agentId) {
        return agents.delete(agentId).map(ignored -> RestResponse.noContent());
    }
}
