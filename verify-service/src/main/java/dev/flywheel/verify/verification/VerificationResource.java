package dev.flywheel.verify.verification;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.UriBuilder;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;

/** Post-execution verifications (SPEC §6): 202 and pending, or with {@code ?wait=true} 200 once done. */
@Path("/api/verifications")
public class VerificationResource {

    private final VerificationService verifications;
    private final VerificationRunner runner;

    public VerificationResource(VerificationService verifications, VerificationRunner runner) {
        this.verifications = verifications;
        this.runner = runner;
    }

    @POST
    public Uni<RestResponse<VerificationView>> submit(@Valid @NotNull VerificationRequest request,
            @QueryParam("wait") @DefaultValue("false") boolean wait) {
        String incidentId = request.incident().requireId("incident.");
        return verifications.accept(incidentId, request.incident().withIncidentId(incidentId), request.actionTaken(),
                        request.warmupOrDefault(), request.snapshotId())
                .chain(accepted -> {
                    if (wait) {
                        return runner.run(accepted.job()).map(RestResponse::ok);
                    }
                    runner.start(accepted.job());
                    return Uni.createFrom().item(RestResponse.ResponseBuilder.<VerificationView>create(RestResponse.Status.ACCEPTED)
                            .location(UriBuilder.fromPath("/api/verifications/{id}").build(accepted.view().id()))
                            .entity(accepted.view()).build());
                });
    }

    @GET
    @Path("/{id}")
    public Uni<VerificationView> find(@PathParam("id") UUID id) {
        return verifications.find(id);
    }
}
