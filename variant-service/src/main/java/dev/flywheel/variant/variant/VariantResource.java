package dev.flywheel.variant.variant;

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

/**
 * SPEC §4 variants API: CRUD, clones and the single-active switch; every single variant answer carries its
 * {@code ETag}, and changes honour {@code If-Match}.
 */
@Path("/api/agents/{agent_id}")
public class VariantResource {

    private final VariantService variants;
    private final ClientAddress address;

    public VariantResource(VariantService variants, ClientAddress address) {
        this.variants = variants;
        this.address = address;
    }

    @GET
    @Path("/variants")
    public Uni<Page<VariantView>> list(@RestPath("agent_id") UUID agentId,
            @RestQuery String limit, @RestQuery String cursor) {
        return variants.list(agentId, Cursor.decode(cursor), Limit.parse(limit));
    }

    @POST
    @Path("/variants")
    @APIResponse(responseCode = "201", description = "The variant, created; Location names it",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = VariantView.class)))
    public Uni<RestResponse<VariantView>> create(@RestPath("agent_id") UUID agentId,
            @NotNull @Valid @ConvertGroup(from = Default.class, to = OnCreate.class) VariantRequest request) {
        return variants.create(agentId, request).map(this::created);
    }

    @GET
    @Path("/variants/{variant_id}")
    public Uni<RestResponse<VariantView>> get(@RestPath("agent_id") UUID agentId,
            @RestPath("variant_id") UUID variantId) {
        return variants.get(agentId, variantId).map(VariantResource::tagged);
    }

    @PATCH
    @Path("/variants/{variant_id}")
    public Uni<RestResponse<VariantView>> update(@RestPath("agent_id") UUID agentId,
            @RestPath("variant_id") UUID variantId, @RestHeader(EntityTags.IF_MATCH) String ifMatch,
            @NotNull @Valid VariantRequest request) {
        return variants.update(agentId, variantId, request, ifMatch).map(VariantResource::tagged);
    }

    @DELETE
    @Path("/variants/{variant_id}")
    @APIResponse(responseCode = "204", description = "Done")
    public Uni<RestResponse<Void>> delete(@RestPath("agent_id") UUID agentId, @RestPath("variant_id") UUID variantId,
            @RestHeader(EntityTags.IF_MATCH) String ifMatch) {
        return variants.delete(agentId, variantId, ifMatch).map(ignored -> RestResponse.noContent());
    }

    @POST
    @Path("/clone")
    @APIResponse(responseCode = "201", description = "The clone, created; Location names it",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = VariantView.class)))
    public Uni<RestResponse<VariantView>> cloneBase(@RestPath("agent_id") UUID agentId,
            @NotNull @Valid CloneRequest request) {
        return variants.clone(agentId, null, request).map(this::created);
    }

    @POST
    @Path("/variants/{variant_id}/clone")
    @APIResponse(responseCode = "201", description = "The clone, created; Location names it",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = VariantView.class)))
    public Uni<RestResponse<VariantView>> cloneVariant(@RestPath("agent_id") UUID agentId,
            @RestPath("variant_id") UUID variantId, @NotNull @Valid CloneRequest request) {
        return variants.clone(agentId, variantId, request).map(this::created);
    }

    @POST
    @Path("/variants/{variant_id}/activate")
    public Uni<RestResponse<VariantView>> activate(@RestPath("agent_id") UUID agentId,
            @RestPath("variant_id") UUID variantId) {
        return variants.activate(agentId, variantId).map(VariantResource::tagged);
    }

    @POST
    @Path("/variants/deactivate")
    @APIResponse(responseCode = "204", description = "Done")
    public Uni<RestResponse<Void>> deactivate(@RestPath("agent_id") UUID agentId) {
        return variants.deactivate(agentId).map(ignored -> RestResponse.noContent());
    }

    private RestResponse<VariantView> created(VariantView variant) {
        return RestResponse.ResponseBuilder.<VariantView>created(
                address.link("/api/agents/" + variant.agentId() + "/variants/" + variant.id()))
                .entity(variant).header("ETag", variant.etag()).build();
    }

    private static RestResponse<VariantView> tagged(VariantView variant) {
        return RestResponse.ResponseBuilder.ok(variant).header("ETag", variant.etag()).build();
    }
}
