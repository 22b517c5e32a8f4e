package dev.flywheel.selftest.memory;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A remembered fact: the memory store the memory probes exercise. */
@Entity
@Table(name = "facts")
public class Fact extends PanacheEntityBase {

    /** The category every self-test fact is filed under (SPEC §7). */
    public static final String SELF_TEST_MARKER = "self_test_marker";

    private static final String PRUNE = "delete from facts where category = :category and id not in"
            + " (select id from facts where category = :category order by created_at desc limit :keep)";

    @Id
    public UUID id;
    @Column(nullable = false)
    public String category;
    @Column(nullable = false)
    public String content;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Stores a fact in the current transaction. */
    public static Uni<Fact> store(String category, String content) {
        Fact fact = new Fact();
        fact.id = UUID.randomUUID();
        fact.category = category;
        fact.content = content;
        fact.createdAt = Instant.now();
        return fact.<Fact>persist();
    }

    public static Uni<List<Fact>> latest(String category, int limit) {
        return Fact.<Fact>find("category = ?1 order by createdAt desc", category).page(0, limit).list();
    }

    /** Keeps the newest facts of a category so that a loop running for months stays small. */
    public static Uni<Integer> pruneKeepingLatest(String category, int keep) {
        return Panache.getSession().chain(session -> session.createNativeQuery(PRUNE)
                .setParameter("category", category)
                .setParameter("keep", keep)
                .executeUpdate());
    }
}
