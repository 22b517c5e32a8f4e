package dev.flywheel.run.cache;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/cache")
public class CacheResource {

    private final ResponseCache cache;

    public CacheResource(ResponseCache cache) {
        this.cache = cache;
    }

    @GET
    @Path("/stats")
    public Uni<CacheStats> stats() {
        return cache.stats();
    }

    @DELETE
    public Uni<RestResponse<Void>> clear() {
        return cache.clear().map(ignored -> RestResponse.noContent());
    }
}
