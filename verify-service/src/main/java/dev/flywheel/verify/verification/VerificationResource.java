package dev.flywheel.verify.verification;

import dev.flywheel.common.forwarded.ClientAddress;
import dev.flywheel.common.paging.Limit;
import dev.flywheel.common.paging.Page;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** Post-execution verifications (SPEC §6): 202 and pending, or with {@code ?wait=true} 200 once done. */
@Path("/api/verifications")
public class VerificationResource {

    private final VerificationService verifications;
    private final VerificationRunner runner;
    private final ClientAddress address;

    public VerificationResource(VerificationService verifications, VerificationRunner runner, ClientAddress address) {
        this.verifications = verifications;
        this.runner = runner;
        this.address = address;
    }

    @POST
    @APIResponse(responseCode = "202", description = "The verification, pending; Location names it",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = VerificationView.class)))
    @APIResponse(responseCode = "200", description = "With ?wait=true: the verification, finished",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = VerificationView.class)))
    public Uni<RestResponse<VerificationView>> submit(@Valid @NotNull VerificationRequest request,
            @RestQuery @DefaultValue("false") boolean wait) {
        String incidentId = request.incident().requireId("incident.");
        return verifications.accept(incidentId, request.incident().withIncidentId(incidentId), request.actionTaken(),
                        request.warmupOrDefault(), request.snapshotId())
                .chain(accepted -> {
                    if (wait) {
                        return runner.run(accepted.job()).map(RestResponse::ok);
                    }
                    runner.start(accepted.job());
                    return Uni.createFrom().item(RestResponse.ResponseBuilder.<VerificationView>create(RestResponse.Status.ACCEPTED)
                            .location(address.link("/api/verifications/" + accepted.view().id()))
                            .entity(accepted.view()).build());
                });
    }

    /** Every verification, newest first (the shared paging of SPEC §3). */
    @GET
    public Uni<Page<VerificationView>> list(@RestQuery String limit, @RestQuery String cursor) {
        return verifications.list(Limit.parse(limit), cursor);
    }

    @GET
    @Path("/{id}")
    public Uni<VerificationView> find(@RestPath UUID id) {
        return verifications.find(id);
    }
}
