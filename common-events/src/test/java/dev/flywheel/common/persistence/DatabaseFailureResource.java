package dev.flywheel.common.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;

/** A resource that exists only in tests, to make Postgres refuse what a request asked for. */
@Path("/test/database")
public class DatabaseFailureResource {

    @POST
    @Path("/widgets")
    @WithTransaction
    public Uni<String> create(@QueryParam("name") String name) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into widget (id, name) values (:id, :name)")
                .setParameter("id", UUID.randomUUID())
                .setParameter("name", name)
                .executeUpdate())
                .replaceWith(name);
    }
}
