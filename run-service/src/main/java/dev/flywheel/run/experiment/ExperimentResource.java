package dev.flywheel.run.experiment;

import dev.flywheel.common.forwarded.ClientAddress;
import dev.flywheel.common.paging.Limit;
import dev.flywheel.common.paging.Page;
import dev.flywheel.run.run.BatchRequest;
import dev.flywheel.run.run.BatchView;
import dev.flywheel.run.run.BulkRequest;
import dev.flywheel.run.run.CancelView;
import dev.flywheel.run.run.RunRequest;
import dev.flywheel.run.run.RunService;
import dev.flywheel.run.run.RunView;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

@Path("/api/experiments")
public class ExperimentResource {

    private final ExperimentService experiments;
    private final RunService runs;
    private final ClientAddress address;

    public ExperimentResource(ExperimentService experiments, RunService runs, ClientAddress address) {
        this.experiments = experiments;
        this.runs = runs;
        this.address = address;
    }

    @POST
    @APIResponse(responseCode = "201", description = "The experiment, created; Location names it",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ExperimentView.class)))
    public Uni<RestResponse<ExperimentView>> create(@Valid @NotNull ExperimentRequest request) {
        return experiments.create(request).map(created -> RestResponse.ResponseBuilder
                .<ExperimentView>created(address.link("/api/experiments/" + created.id())).entity(created).build());
    }

    @GET
    public Uni<Page<ExperimentView>> list(@RestQuery String cursor, @RestQuery String limit) {
        return experiments.list(cursor, Limit.parse(limit));
    }

    @GET
    @Path("/{id}")
    public Uni<ExperimentView> get(@RestPath UUID id) {
        return experiments.get(id);
    }

    @POST
    @Path("/{id}/runs")
    @APIResponse(responseCode = "202", description = "The run, queued; Location names it",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RunView.class)))
    public Uni<RestResponse<RunView>> createRun(@RestPath UUID id, @Valid @NotNull RunRequest request) {
        return runs.create(id, request).map(run -> RestResponse.ResponseBuilder.<RunView>accepted()
                .location(address.link("/api/runs/" + run.id())).entity(run).build());
    }

    /** Also reached as {@code runs%3Abatch} ({@link EncodedColon}). */
    @POST
    @Path("/{id}/runs:batch")
    @APIResponse(responseCode = "202", description = "The runs, queued",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = BatchView.class)))
    public Uni<RestResponse<BatchView>> createBatch(@RestPath UUID id, @Valid @NotNull BatchRequest batch) {
        return runs.createBatch(id, batch).map(RestResponse::accepted);
    }

    /** Also reached as {@code runs%3Abulk} ({@link EncodedColon}). */
    @POST
    @Path("/{id}/runs:bulk")
    @APIResponse(responseCode = "202", description = "The runs, queued",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = BatchView.class)))
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
    public Uni<Page<RunView>> results(@RestPath UUID id, @RestQuery String cursor,
            @RestQuery String limit) {
        return runs.results(id, cursor, limit == null || limit.isBlank() ? 100 : Limit.parse(limit));
    }

    @GET
    @Path("/{id}/leaderboard")
    public Uni<Leaderboard> leaderboard(@RestPath UUID id) {
        return experiments.leaderboard(id);
    }
}
