package dev.flywheel.run.experiment;

import dev.flywheel.run.run.BatchRequest;
import dev.flywheel.run.run.BatchView;
import dev.flywheel.run.run.BulkRequest;
import dev.flywheel.run.run.CancelView;
import dev.flywheel.run.run.Page;
import dev.flywheel.run.run.RunRequest;
import dev.flywheel.run.run.RunService;
import dev.flywheel.run.run.RunView;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/experiments")
public class ExperimentResource {

    private final ExperimentService experiments;
    private final RunService runs;

    public ExperimentResource(ExperimentService experiments, RunService runs) {
        this.experiments = experiments;
        this.runs = runs;
    }

    @POST
    public Uni<RestResponse<ExperimentView>> create(@Valid @NotNull ExperimentRequest request, UriInfo uri) {
        return experiments.create(request).map(created -> RestResponse.ResponseBuilder
                .<ExperimentView>created(at(uri, "/api/experiments/", created.id())).entity(created).build());
    }

    @GET
    public Uni<Page<ExperimentView>> list(@QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return experiments.list(cursor, limit);
    }

    @GET
    @Path("/{id}")
    public Uni<ExperimentView> get(@RestPath UUID id) {
        return experiments.get(id);
    }

    @POST
    @Path("/{id}/runs")
    public Uni<RestResponse<RunView>> createRun(@RestPath UUID id, @Valid @NotNull RunRequest request, UriInfo uri) {
        return runs.create(id, request).map(run -> RestResponse.ResponseBuilder.<RunView>accepted()
                .location(at(uri, "/api/runs/", run.id())).entity(run).build());
    }

    // Clients that percent-encode the colon (as some HTTP libraries do) reach the same method.
    @POST
    @Path("/{id}/{action: runs(:|%3[aA])batch}")
    public Uni<RestResponse<BatchView>> createBatch(@RestPath UUID id, @Valid @NotNull BatchRequest batch) {
        return runs.createBatch(id, batch).map(RestResponse::accepted);
    }

    // The parameter has its own name so that the OpenAPI document keeps runs:batch and runs:bulk apart.
    @POST
    @Path("/{id}/{bulk: runs(:|%3[aA])bulk}")
    public Uni<RestResponse<BatchView>> createBulk(@RestPath UUID id, @Valid @NotNull BulkRequest request) {
        return runs.createBulk(id, request).map(RestResponse::accepted);
    }

    @POST
    @Path("/{id}/cancel")
    public Uni<CancelView> cancel(@RestPath UUID id) {
        return runs.cancelExperiment(id);
    }

    /** Every run of the experiment with its stages and scores, oldest first: how a client collects its results. */
    @GET
    @Path("/{id}/results")
    public Uni<Page<RunView>> results(@RestPath UUID id, @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return runs.results(id, cursor, limit);
    }

    @GET
    @Path("/{id}/leaderboard")
    public Uni<Leaderboard> leaderboard(@RestPath UUID id) {
        return experiments.leaderboard(id);
    }

    private static URI at(UriInfo uri, String path, UUID id) {
        return uri.getBaseUriBuilder().path(path + id).build();
    }
}
