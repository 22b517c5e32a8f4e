package dev.flywheel.verify.snapshot;

import dev.flywheel.common.forwarded.ClientAddress;
import dev.flywheel.common.paging.Limit;
import dev.flywheel.common.paging.Page;
import dev.flywheel.common.problem.InvalidInput;
import dev.flywheel.verify.incident.Incident;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.UriBuilder;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** An incident's evidence: pre-state capture and its snapshots, newest first (SPEC §6). */
@Path("/api/incidents/{incident_id}")
public class EvidenceResource {

    private final PreStateCapture capture;
    private final SnapshotService snapshots;
    private final ClientAddress address;

    public EvidenceResource(PreStateCapture capture, SnapshotService snapshots, ClientAddress address) {
        this.capture = capture;
        this.snapshots = snapshots;
        this.address = address;
    }

    @POST
    @Path("/pre-state")
    @APIResponse(responseCode = "201", description = "The pre-state snapshot, captured; Location names it",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SnapshotView.class)))
    public Uni<RestResponse<SnapshotView>> capturePreState(
            @RestPath("incident_id") @Size(max = 200) String incidentId,
            @Valid @NotNull Incident incident) {
        incident.resolvedId().filter(bodyId -> !bodyId.equals(incidentId)).ifPresent(bodyId -> {
            throw new InvalidInput("incident_id", "the body names incident " + bodyId + " but the path " + incidentId);
        });
        return capture.capture(incidentId, incident.withIncidentId(incidentId))
                .map(snapshot -> RestResponse.ResponseBuilder.<SnapshotView>created(address.link(UriBuilder
                        .fromPath("/api/incidents/{incident}/evidence/{id}").build(incidentId, snapshot.id()).toString()))
                        .entity(snapshot).build());
    }

    @GET
    @Path("/evidence")
    public Uni<Page<SnapshotView>> evidence(
            @RestPath("incident_id") @Size(max = 200) String incidentId,
            @RestQuery String limit, @RestQuery String cursor) {
        return snapshots.evidence(incidentId, Limit.parse(limit), cursor);
    }

    @GET
    @Path("/evidence/{snapshot_id}")
    public Uni<SnapshotView> snapshot(@RestPath("incident_id") String incidentId,
            @RestPath("snapshot_id") UUID snapshotId) {
        return snapshots.find(incidentId, snapshotId);
    }
}
