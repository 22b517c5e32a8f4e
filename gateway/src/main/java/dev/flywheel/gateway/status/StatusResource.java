package dev.flywheel.gateway.status;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/status}: the suite's readiness in one answer (SPEC §8). */
@Path("/api/status")
public class StatusResource {

    private final StatusProbe probe;

    public StatusResource(StatusProbe probe) {
        this.probe = probe;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<SuiteStatus> status() {
        return probe.check();
    }
}
