package dev.flywheel.variant.variant;

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

/** SPEC §4 variants API: CRUD, clones and the single-active switch. */
@Path("/api/agents/{agent_id}")
public class VariantResource {

    private final VariantService variants;

    public VariantResource(VariantService variants) {
        this.variants = variants;
    }

    @GET
    @Path("/variants")
    public Uni<Page<VariantView>> list(@RestPath("agent_id") UUID agentId,
            @RestQuery String limit, @RestQuery String cursor) {
        return variants.list(agentId, Cursor.decode(cursor), Page.limit(limit));
    }

    @POST
    @Path("/variants")
    public Uni<RestResponse<VariantView>> create(@RestPath("agent_id") UUID agentId,
            @NotNull @Valid @ConvertGroup(from = Default.class, to = OnCreate.class) VariantRequest request) {
        return variants.create(agentId, request).map(VariantResource::created);
    }

    @GET
    @Path("/variants/{variant_id}")
    public Uni<VariantView> get(@RestPath("agent_id") UUID agentId, @RestPath("variant_id") UUID variantId) {
        return variants.get(agentId, variantId);
    }

    @PATCH
    @Path("/variants/{variant_id}")
    public Uni<VariantView> update(@RestPath("agent_id") UUID agentId, @RestPath("variant_id") UUID variantId,
            @NotNull @Valid VariantRequest request) {
        return variants.update(agentId, variantId, request);
    }

    @DELETE
    @Path("/variants/{variant_id}")
    public Uni<RestResponse<Void>> delete(@RestPath("agent_id") UUID agentId, @RestPath("variant_id") UUID variantId) {
        return variants.delete(agentId, variantId).map(ignored -> RestResponse.noContent());
    }

    @POST
    @Path("/clone")
    public Uni<RestResponse<VariantView>> cloneBase(@RestPath("agent_id") UUID agentId,
            @NotNull @Valid CloneRequest request) {
        return variants.clone(agentId, null, request).map(VariantResource::created);
    }

    @POST
    @Path("/variants/{variant_id}/clone")
    public Uni<RestResponse<VariantView>> cloneVariant(@RestPath("agent_id") UUID agentId,
            @RestPath("variant_id") UUID variantId, @NotNull @Valid CloneRequest request) {
        return variants.clone(agentId, variantId, request).map(VariantResource::created);
    }

    @POST
    @Path("/variants/{variant_id}/activate")
    public Uni<VariantView> activate(@RestPath("agent_id") UUID agentId, @RestPath("variant_id") UUID variantId) {
        return variants.activate(agentId, variantId);
    }

    @POST
    @Path("/variants/deactivate")
    public Uni<RestResponse<Void>> deactivate(@RestPath("agent_id") UUID agentId) {
        return variants.deactivate(agentId).map(ignored -> RestResponse.noContent());
    }

    private static RestResponse<VariantView> created(VariantView variant) {
        URI location = URI.create("/api/agents/" + variant.agentId() + "/variants/" + variant.id());
        return RestResponse.ResponseBuilder.<VariantView>created(location).entity(variant).build();
    }
}
