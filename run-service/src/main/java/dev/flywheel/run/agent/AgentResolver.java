package dev.flywheel.run.agent;

import dev.flywheel.common.peer.PeerCall;
import dev.flywheel.common.problem.ResourceNotFound;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Resolves an agent's config from variant-service under its peer policy ({@code peers.variant-service.*}):
 * a peer that is restarting is retried, any other failure names variant-service; an unknown agent is not retried.
 */
@ApplicationScoped
public class AgentResolver {

    static final String PEER = "variant-service";

    private final VariantServiceClient client;
    private final PeerCall variantService;

    public AgentResolver(@RestClient VariantServiceClient client, PeersConfig peers) {
        this.client = client;
        this.variantService = PeerCall.to(PEER, peers.variantService());
    }

    public Uni<ResolvedAgentConfig> resolve(UUID agentId, String agentSlug) {
        String agent = agentId != null ? agentId.toString() : "with slug '" + agentSlug + "'";
        return variantService.<ResolvedAgentConfig>call(
                        () -> agentId != null ? client.resolve(agentId) : client.resolveBySlug(agentSlug))
                .onFailure(failure -> PeerCall.status(failure) == 404)
                .transform(failure -> new ResourceNotFound("agent", agent + " (according to " + PEER + ")"));
    }
}
