package dev.flywheel.selftest.probe;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** The run-service experiment the multistep_planning probe created, remembered so it is created once. */
@Entity
@Table(name = "planning_experiment")
public class PlanningExperiment extends PanacheEntityBase {

    @Id
    public String name;
    @Column(name = "experiment_id", nullable = false)
    public UUID experimentId;
}
