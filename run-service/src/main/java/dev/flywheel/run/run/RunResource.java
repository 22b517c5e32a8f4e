package dev.flywheel.run.run;

import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestPath;

@Path("/api/runs")
public class RunResource {

    private final RunService runs;

    public RunResource(RunService runs) {
        this.runs = runs;
    }

    @GET
    public Uni<Page<RunSummary>> list(@QueryParam("experiment_id") UUID experimentId,
            @QueryParam("status") @Pattern(regexp = "pending|running|completed|failed|cancelled",
                    message = "must be one of pending, running, completed, failed, cancelled") String status,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return runs.list(experimentId, status, cursor, limit);
    }

    @GET
    @Path("/{id}")
    public Uni<RunView> get(@RestPath UUID id) {
        return runs.get(id);
    }

    @POST
    @Path("/{id}/cancel")
    public Uni<RunView> cancel(@RestPath UUID id) {
        return runs.cancel(id);
    }
}
