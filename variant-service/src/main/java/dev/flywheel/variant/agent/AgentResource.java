package dev.flywheel.variant.agent;

import dev.flywheel.common.etag.EntityTags;
import dev.flywheel.common.forwarded.ClientAddress;
import dev.flywheel.common.paging.Cursor;
import dev.flywheel.common.paging.Limit;
import dev.flywheel.common.paging.Page;
import dev.flywheel.variant.config.OnCreate;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** SPEC §4 agents API; every single agent answer carries its {@code ETag}, and changes honour {@code If-Match}. */
@Path("/api/agents")
public class AgentResource {

    private final AgentService agents;
    private final ClientAddress address;

    public AgentResource(AgentService agents, ClientAddress address) {
        this.agents = agents;
        this.address = address;
    }

    @GET
    public Uni<Page<AgentView>> list(@RestQuery String limit,
            @RestQuery String cursor) {
        return agents.list(Cursor.decode(cursor), Limit.parse(limit));
    }

    @POST
    @APIResponse(responseCode = "201", description = "The agent, created; Location names it",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AgentView.class)))
    public Uni<RestResponse<AgentView>> create(@NotNull @Valid @ConvertGroup(from = Default.class, to = OnCreate.class)
            AgentRequest request) {
        return agents.create(request)
                .map(agent -> RestResponse.ResponseBuilder.<AgentView>created(address.link("/api/agents/" + agent.id()))
                        .entity(agent).header("ETag", agent.etag()).build());
    }

    @GET
    @Path("/{agent_id}")
    public Uni<RestResponse<AgentView>> get(@RestPath("agent_id") UUID agentId) {
        return agents.get(agentId).map(AgentResource::tagged);
    }

    @GET
    @Path("/by-slug/{slug}")
    public Uni<RestResponse<AgentView>> bySlug(@RestPath String slug) {
        return agents.bySlug(slug).map(AgentResource::tagged);
    }

    @PATCH
    @Path("/{agent_id}")
    public Uni<RestResponse<AgentView>> update(@RestPath("agent_id") UUID agentId,
            @RestHeader(EntityTags.IF_MATCH) String ifMatch, @NotNull @Valid AgentRequest request) {
        return agents.update(agentId, request, ifMatch).map(AgentResource::tagged);
    }

    @DELETE
    @Path("/{agent_id}")
    @APIResponse(responseCode = "204", description = "Done")
    public Uni<RestResponse<Void>> delete(@RestPath("agent_id") UUID agentId,
            @RestHeader(EntityTags.IF_MATCH) String ifMatch) {
        return agents.delete(agentId, ifMatch).map(ignored -> RestResponse.noContent());
    }

    private static RestResponse<AgentView> tagged(AgentView agent) {
        return RestResponse.ResponseBuilder.ok(agent).header("ETag", agent.etag()).build();
    }
}
