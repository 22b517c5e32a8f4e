package dev.flywheel.common.events;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;

/** The test app's one entity: Hibernate Reactive only starts when a persistence unit has an entity. */
@Entity
public class Widget extends PanacheEntityBase {

    @Id
    public UUID id;
    public String name;
}
