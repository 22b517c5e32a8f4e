package dev.flywheel.selftest.peer;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestPath;

/** The part of run-service's API the multistep_planning probe drives (SPEC §5). */
@RegisterRestClient(configKey = "run-service")
@Path("/api")
public interface RunServiceClient {

    @POST
    @Path("/experiments")
    Uni<ExperimentView> createExperiment(ExperimentRequest request);

    @POST
    @Path("/experiments/{id}/runs")
    Uni<RunView> submitRun(@RestPath("id") UUID experimentId, RunRequest request);

    @GET
    @Path("/runs/{id}")
    Uni<RunView> run(@RestPath("id") UUID runId);

    record ExperimentRequest(String name, String description) {
    }

    record ExperimentView(UUID id, String name) {
    }

    /** A pipeline run config; {@code cache} is off so every probe really runs both stages. */
    record RunRequest(List<PipelineStage> pipelineStages, String inputData, boolean cache) {
    }

    record PipelineStage(String promptTemplate, String model) {
    }

    record RunView(UUID id, String status, List<StageView> stages, String error) {
    }

    record StageView(Integer stageIndex, String promptSent, String responseRaw) {
    }
}
