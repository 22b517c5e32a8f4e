package dev.flywheel.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The evaluator itself, on small hand-written policies, so that the overlay checks rest on tested semantics. */
class NetworkPoliciesTest {

    private static final Endpoint WEB = Endpoint.pod("shop", Map.of("app", "web"), Map.of("http", 8080));
    private static final Endpoint API = Endpoint.pod("shop", Map.of("app", "api", "tier", "back"), Map.of("http", 9000));
    private static final Endpoint OTHER_NAMESPACE = Endpoint.pod("tools", Map.of("app", "web"), Map.of());

    @Test
    void withoutPoliciesEverythingIsAllowed() {
        assertThat(evaluator().allows(WEB, API, 9000, "TCP")).isTrue();
    }

    @Test
    void defaultDenyBlocksBothDirections() {
        NetworkPolicies denyAll = evaluator(DENY_ALL);

        assertThat(denyAll.allows(WEB, API, 9000, "TCP")).isFalse();
        assertThat(denyAll.allows(OTHER_NAMESPACE, API, 9000, "TCP")).as("ingress side").isFalse();
        assertThat(denyAll.allows(API, Endpoint.external("203.0.113.1"), 443, "TCP")).as("egress side").isFalse();
    }

    @Test
    void aConnectionNeedsTheSendersEgressAndTheReceiversIngress() {
        String ingressOnly = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: api-in, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: api}}
                  policyTypes: [Ingress]
                  ingress:
                  - from: [{podSelector: {matchLabels: {app: web}}}]
                    ports: [{port: http}]
                """;
        String egress = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: web-out, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: web}}
                  policyTypes: [Egress]
                  egress:
                  - to: [{podSelector: {matchLabels: {app: api}}}]
                    ports: [{port: 9000, protocol: TCP}]
                """;

        assertThat(evaluator(DENY_ALL, ingressOnly).allows(WEB, API, 9000, "TCP")).isFalse();
        assertThat(evaluator(DENY_ALL, ingressOnly, egress).allows(WEB, API, 9000, "TCP")).isTrue();
        assertThat(evaluator(DENY_ALL, ingressOnly, egress).allows(WEB, API, 9001, "TCP")).as("other port").isFalse();
        assertThat(evaluator(DENY_ALL, ingressOnly, egress).allows(WEB, API, 9000, "UDP")).as("other protocol").isFalse();
        assertThat(evaluator(DENY_ALL, ingressOnly, egress).allows(API, WEB, 8080, "TCP")).as("reverse direction").isFalse();
    }

    @Test
    void aPodSelectorAloneMeansThePolicysOwnNamespace() {
        String fromWeb = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: api-in, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: api}}
                  ingress:
                  - from: [{podSelector: {matchLabels: {app: web}}}]
                """;

        assertThat(evaluator(fromWeb).allows(WEB, API, 9000, "TCP")).isTrue();
        assertThat(evaluator(fromWeb).allows(OTHER_NAMESPACE, API, 9000, "TCP")).isFalse();
    }

    @Test
    void namespaceAndPodSelectorInOnePeerMustBothMatch() {
        String both = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: api-in, namespace: shop}
                spec:
                  podSelector: {}
                  ingress:
                  - from:
                    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: tools}}
                      podSelector: {matchLabels: {app: agent}}
                """;
        Endpoint agent = Endpoint.pod("tools", Map.of("app", "agent"), Map.of());

        assertThat(evaluator(both).allows(agent, API, 9000, "TCP")).isTrue();
        assertThat(evaluator(both).allows(OTHER_NAMESPACE, API, 9000, "TCP")).as("right namespace, wrong pod").isFalse();
        assertThat(evaluator(both).allows(Endpoint.pod("shop", Map.of("app", "agent"), Map.of()), API, 9000, "TCP"))
                .as("right pod, wrong namespace").isFalse();
    }

    @Test
    void matchExpressionsAndIpBlocksWithExceptions() {
        String policy = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: out, namespace: shop}
                spec:
                  podSelector:
                    matchExpressions: [{key: tier, operator: NotIn, values: [front]}]
                  policyTypes: [Egress]
                  egress:
                  - to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.9.0.0/16]}}]
                    ports: [{port: 5000, endPort: 5100}]
                """;
        Endpoint front = Endpoint.pod("shop", Map.of("app", "web", "tier", "front"), Map.of());

        NetworkPolicies evaluator = evaluator(policy);
        assertThat(evaluator.allows(API, Endpoint.external("10.1.2.3"), 5050, "TCP")).isTrue();
        assertThat(evaluator.allows(API, Endpoint.external("10.9.2.3"), 5050, "TCP")).as("excepted range").isFalse();
        assertThat(evaluator.allows(API, Endpoint.external("192.168.1.1"), 5050, "TCP")).as("outside the block").isFalse();
        assertThat(evaluator.allows(API, Endpoint.external("10.1.2.3"), 5101, "TCP")).as("past endPort").isFalse();
        assertThat(evaluator.allows(front, Endpoint.external("192.168.1.1"), 1, "TCP")).as("not selected: open").isTrue();
    }

    private static final String DENY_ALL = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny, namespace: shop}
            spec:
              podSelector: {}
              policyTypes: [Ingress, Egress]
            """;

    private static NetworkPolicies evaluator(String... policies) {
        List<NetworkPolicy> parsed = StrictManifests.parse(String.join("\n---\n", policies)).stream()
                .map(NetworkPolicy.class::cast).toList();
        return new NetworkPolicies(parsed);
    }
}
