package dev.flywheel.run.agent;

import dev.flywheel.common.problem.ResourceNotFound;
import dev.flywheel.common.problem.UpstreamUnavailable;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Resolves an agent's config from variant-service: a few quick retries for a peer that is restarting,
 * then a failure that names variant-service; an unknown agent is not retried.
 */
@ApplicationScoped
public class AgentResolver {

    static final String PEER = "variant-service";

    private final VariantServiceClient client;

    public AgentResolver(@RestClient VariantServiceClient client) {
        this.client = client;
    }

    public Uni<ResolvedAgentConfig> resolve(UUID agentId, String agentSlug) {
        String agent = agentId != null ? agentId.toString() : "with slug '" + agentSlug + "'";
        Uni<ResolvedAgentConfig> call = agentId != null ? client.resolve(agentId) : client.resolveBySlug(agentSlug);
        return call
                .onFailure(AgentResolver::worthRetrying).retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(2)).atMost(2)
                .onFailure().transform(failure -> {
                    if (status(failure) == 404) {
                        return new ResourceNotFound("agent", agent + " (according to " + PEER + ")");
                    }
                    return new UpstreamUnavailable(PEER, "resolving agent " + agent + " failed: " + describe(failure), failure);
                });
    }

    private static boolean worthRetrying(Throwable failure) {
        int status = status(failure);
        return status == -1 || status >= 500;
    }

    private static int status(Throwable failure) {
        return failure instanceof WebApplicationException web ? web.getResponse().getStatus() : -1;
    }

    private static String describe(Throwable failure) {
        int status = status(failure);
        return status > 0 ? "HTTP " + status : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
