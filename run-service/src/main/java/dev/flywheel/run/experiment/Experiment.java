package dev.flywheel.run.experiment;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/** An experiment: a named group of runs compared on one leaderboard. */
@Entity
@Table(name = "experiments")
public class Experiment extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String description;

    @Column(nullable = false)
    public String status;

    /** Scorer specs (a JSON array) applied to runs that name none; mapped as text because it is an array. */
    @ColumnTransformer(read = "scoring_config::text", write = "?::text::jsonb")
    @Column(name = "scoring_config", nullable = false)
    public String scoringConfig;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
