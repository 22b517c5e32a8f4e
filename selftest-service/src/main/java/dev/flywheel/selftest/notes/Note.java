package dev.flywheel.selftest.notes;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A note in the notes store the self_coding probe writes to and reads back from. */
@Entity
@Table(name = "notes")
public class Note extends PanacheEntityBase {

    private static final String PRUNE = "delete from notes where title = :title and id not in"
            + " (select id from notes where title = :title order by created_at desc limit :keep)";

    @Id
    public UUID id;
    @Column(nullable = false)
    public String title;
    @Column(nullable = false)
    public String body;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static Uni<Note> write(String title, String body) {
        Note note = new Note();
        note.id = UUID.randomUUID();
        note.title = title;
        note.body = body;
        note.createdAt = Instant.now();
        return note.<Note>persist();
    }

    /** Keeps the newest notes with a title so that a loop running for months stays small. */
    public static Uni<Integer> pruneKeepingLatest(String title, int keep) {
        return Panache.getSession().chain(session -> session.createNativeQuery(PRUNE)
                .setParameter("title", title)
                .setParameter("keep", keep)
                .executeUpdate());
    }
}
