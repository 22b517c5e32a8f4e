package dev.flywheel.run.run;

import dev.flywheel.common.paging.Limit;
import dev.flywheel.common.paging.Page;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/api/runs")
public class RunResource {

    private final RunService runs;

    public RunResource(RunService runs) {
        this.runs = runs;
    }

    /** Runs filtered and sorted server-side; every filter is optional (SPEC §5, issue 18). */
    @GET
    public Uni<Page<RunSummary>> list(@RestQuery("experiment_id") String experimentId, @RestQuery String status,
            @RestQuery String model, @RestQuery("agent_id") String agentId,
            @RestQuery("min_score") String minScore, @RestQuery("max_score") String maxScore,
            @RestQuery("min_latency_ms") String minLatencyMs, @RestQuery("max_latency_ms") String maxLatencyMs,
            @RestQuery String sort, @RestQuery String order,
            @RestQuery String cursor,
            @RestQuery String limit) {
        RunQuery query = RunQuery.parse(experimentId, status, model, agentId, minScore, maxScore, minLatencyMs, maxLatencyMs,
                sort, order);
        return runs.list(query, cursor, Limit.parse(limit));
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
