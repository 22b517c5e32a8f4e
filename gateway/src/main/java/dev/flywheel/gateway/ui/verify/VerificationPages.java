package dev.flywheel.gateway.ui.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.gateway.ui.UiPaths;
import dev.flywheel.gateway.ui.UiResponses;
import dev.flywheel.gateway.ui.UiSession;
import dev.flywheel.gateway.ui.client.ServiceAnswer;
import dev.flywheel.gateway.ui.client.ServiceClient;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Verification pages over verify-service (SPEC §6): the recent verifications with look-ups by verification or
 * incident id, a verification with its pre and post evidence, result and tools used, and an incident's evidence.
 */
@Path("/ui")
@Produces(MediaType.TEXT_HTML)
public class VerificationPages {

    private final ServiceClient services;
    private final UiSession session;
    private final Template list;
    private final Template detail;
    private final Template incident;

    public VerificationPages(ServiceClient services, UiSession session,
            @Location("ui/verify/verifications.html") Template list,
            @Location("ui/verify/verification.html") Template detail,
            @Location("ui/verify/incident.html") Template incident) {
        this.services = services;
        this.session = session;
        this.list = list;
        this.detail = detail;
        this.incident = incident;
    }

    /**
     * The look-up forms and, when verify-service offers a listing, the recent verifications; SPEC §6 only promises
     * reads by id, so a service without the listing still leaves the page and its look-ups working.
     */
    @GET
    @Path("verifications")
    public Uni<Response> list(@RestQuery String id, @RestQuery("incident_id") String incidentId,
            @RestQuery String cursor) {
        if (id != null && !id.isBlank()) {
            return Uni.createFrom().item(UiResponses.seeOther("/ui/verifications/" + UiPaths.id(id.trim())));
        }
        if (incidentId != null && !incidentId.isBlank()) {
            return Uni.createFrom().item(UiResponses.seeOther("/ui/incidents/" + UiPaths.id(incidentId.trim())));
        }
        String csrf = session.csrfToken();
        return services.get("/api/verifications" + UiPaths.query("limit", "50", "cursor", cursor))
                .map(answer -> answer.status() == 404 || answer.status() == 405 ? Optional.<JsonNode>empty()
                        : Optional.of(answer.orFail()))
                .map(page -> Response.ok(list
                        .data("verifications", page.map(p -> EvidenceView.list(p.path("items"), false)).orElse(null))
                        .data("next", page.map(p -> p.path("next_cursor").textValue()).orElse(null))
                        .data("csrf", csrf)).type(MediaType.TEXT_HTML_TYPE).build());
    }

    @GET
    @Path("verifications/{id}")
    public Uni<TemplateInstance> show(@RestPath String id) {
        String verificationId = UiPaths.id(id);
        String csrf = session.csrfToken();
        return services.get("/api/verifications/" + verificationId).map(ServiceAnswer::orFail)
                .map(found -> detail.data("verification", EvidenceView.ofVerification(found)).data("csrf", csrf));
    }

    /** An incident's evidence snapshots and the audit of every tool call made for it. */
    @GET
    @Path("incidents/{incidentId}")
    public Uni<TemplateInstance> evidence(@RestPath String incidentId) {
        String incidentPath = UiPaths.id(incidentId);
        String csrf = session.csrfToken();
        Uni<JsonNode> snapshots = services.get("/api/incidents/" + incidentPath + "/evidence").map(ServiceAnswer::orFail);
        // The audit is a second look at the same incident: without it the evidence is still worth showing.
        Uni<Optional<JsonNode>> toolCalls = services.get("/api/incidents/" + incidentPath + "/tool-calls?limit=200")
                .map(answer -> answer.ok() ? Optional.of(answer.body()) : Optional.<JsonNode>empty());
        return Uni.combine().all().unis(snapshots, toolCalls).asTuple()
                .map(both -> {
                    JsonNode found = both.getItem1();
                    JsonNode items = found.isArray() ? found : found.path("items");
                    return incident.data("incident_id", incidentPath)
                            .data("snapshots", EvidenceView.list(items, true))
                            .data("tool_calls", both.getItem2().map(page -> ToolCallView.list(page.path("items")))
                                    .orElse(null))
                            .data("csrf", csrf);
                });
    }
}
