package dev.flywheel.run.run;

import dev.flywheel.common.paging.Limit;
import dev.flywheel.common.paging.Page;
import dev.flywheel.common.paging.QueryValues;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Pattern;
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
    public Uni<Page<RunSummary>> list(@QueryParam("experiment_id") String experimentId,
            @QueryParam("status") @Pattern(regexp = "pending|running|completed|failed|cancelled",
                    message = "must be one of pending, running, completed, failed, cancelled") String status,
            @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return runs.list(QueryValues.uuid("experiment_id", experimentId), status, cursor, Limit.parse(limit));
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
