package dev.flywheel.selftest.health;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

/** The capability health panel: JSON for machines, an htmx fragment for the dashboard (SPEC §7). */
@Path("/health/loop-qa")
public class LoopQaHealthResource {

    /** Health is never cached (SPEC §3): a cached green would hide a failing capability. */
    static final String NO_STORE = "no-store";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance partial(HealthSnapshot snapshot);
    }

    private final HealthQuery health;

    public LoopQaHealthResource(HealthQuery health) {
        this.health = health;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<HealthSnapshot>> snapshot() {
        return health.snapshot().map(snapshot -> RestResponse.ResponseBuilder.ok(snapshot)
                .header(HttpHeaders.CACHE_CONTROL, NO_STORE).build());
    }

    @GET
    @Path("/partial")
    @Produces(MediaType.TEXT_HTML)
    public Uni<RestResponse<TemplateInstance>> partial() {
        return health.snapshot().map(snapshot -> RestResponse.ResponseBuilder.ok(Templates.partial(snapshot))
                .header(HttpHeaders.CACHE_CONTROL, NO_STORE).build());
    }
}
