package dev.flywheel.run.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.common.paging.Cursor;
import dev.flywheel.common.paging.Page;
import dev.flywheel.common.problem.ResourceNotFound;
import dev.flywheel.run.scoring.Scorers;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Experiments: creation with checked default scorers, reads with metrics, newest-first lists. */
@ApplicationScoped
public class ExperimentService {

    private final Scorers scorers;
    private final ExperimentStats stats;
    private final ObjectMapper mapper;

    public ExperimentService(Scorers scorers, ExperimentStats stats, ObjectMapper mapper) {
        this.scorers = scorers;
        this.stats = stats;
        this.mapper = mapper;
    }

    @WithTransaction
    public Uni<ExperimentView> create(ExperimentRequest request) {
        JsonNode scoring = request.scoringConfig() == null || request.scoringConfig().isNull()
                ? mapper.createArrayNode() : request.scoringConfig();
        scorers.build(scoring, "scoring_config");
        Experiment experiment = new Experiment();
        experiment.id = UUID.randomUUID();
        experiment.name = request.name().trim();
        experiment.description = request.description() == null ? "" : request.description();
        experiment.status = "active";
        experiment.scoringConfig = scoring.toString();
        experiment.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return experiment.<Experiment>persist().map(saved -> view(saved, null));
    }

    @WithSession
    public Uni<ExperimentView> get(UUID id) {
        return Experiment.<Experiment>findById(id)
                .onItem().ifNull().failWith(() -> new ResourceNotFound("experiment", id))
                .chain(experiment -> stats.metrics(id).map(metrics -> view(experiment, metrics)));
    }

    @WithSession
    public Uni<Page<ExperimentView>> list(String cursor, int limit) {
        Cursor after = Cursor.decode(cursor);
        Uni<List<Experiment>> found = after == null
                ? Experiment.find("order by createdAt desc, id desc").page(0, limit + 1).list()
                : Experiment.find("createdAt < :at or (createdAt = :at and id < :id) order by createdAt desc, id desc",
                        Parameters.with("at", after.at()).and("id", after.id())).page(0, limit + 1).list();
        return found.map(experiments -> Page.of(experiments, limit,
                experiment -> new Cursor(experiment.createdAt, experiment.id).encode(),
                experiment -> view(experiment, null)));
    }

    /** Fails with 404 when the experiment does not exist. */
    public Uni<Leaderboard> leaderboard(UUID id) {
        return stats.exists(id).chain(exists -> {
            if (!exists) {
                return Uni.createFrom().failure(new ResourceNotFound("experiment", id));
            }
            return stats.leaderboard(id).map(entries -> new Leaderboard(id, entries));
        });
    }

    private ExperimentView view(Experiment experiment, ExperimentMetrics metrics) {
        return new ExperimentView(experiment.id, experiment.name, experiment.description, experiment.status,
                parse(experiment.scoringConfig), experiment.createdAt, metrics);
    }

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored scoring_config is unreadable", e);
        }
    }
}
