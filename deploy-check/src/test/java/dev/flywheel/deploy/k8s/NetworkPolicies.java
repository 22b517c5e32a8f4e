package dev.flywheel.deploy.k8s;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes NetworkPolicy semantics, applied to a set of policies: a connection is allowed when the source's
 * egress and the destination's ingress both allow it; a pod no policy selects for a direction is open in that
 * direction; policies add up (union); within one peer, namespaceSelector and podSelector must both match.
 */
final class NetworkPolicies {

    private final List<NetworkPolicy> policies;

    NetworkPolicies(List<NetworkPolicy> policies) {
        this.policies = policies;
    }

    boolean allows(Endpoint from, Endpoint to, int port, String protocol) {
        return egressAllows(from, to, port, protocol) && ingressAllows(from, to, port, protocol);
    }

    private boolean egressAllows(Endpoint from, Endpoint to, int port, String protocol) {
        List<NetworkPolicy> selecting = selecting(from, "Egress");
        return selecting.isEmpty() || selecting.stream().anyMatch(policy -> policy.getSpec().getEgress().stream()
                .anyMatch(rule -> peersMatch(policy, rule.getTo(), to) && portsMatch(rule.getPorts(), to, port, protocol)));
    }

    private boolean ingressAllows(Endpoint from, Endpoint to, int port, String protocol) {
        List<NetworkPolicy> selecting = selecting(to, "Ingress");
        return selecting.isEmpty() || selecting.stream().anyMatch(policy -> policy.getSpec().getIngress().stream()
                .anyMatch(rule -> peersMatch(policy, rule.getFrom(), from) && portsMatch(rule.getPorts(), to, port, protocol)));
    }

    private List<NetworkPolicy> selecting(Endpoint endpoint, String direction) {
        if (!endpoint.isPod()) {
            return List.of();
        }
        return policies.stream()
                .filter(policy -> policy.getMetadata().getNamespace().equals(endpoint.namespace()))
                .filter(policy -> selectorMatches(policy.getSpec().getPodSelector(), endpoint.podLabels()))
                .filter(policy -> policyTypes(policy).contains(direction))
                .toList();
    }

    /** Without policyTypes, a policy is about Ingress, and about Egress too when it has egress rules. */
    private static List<String> policyTypes(NetworkPolicy policy) {
        List<String> declared = policy.getSpec().getPolicyTypes();
        if (!declared.isEmpty()) {
            return declared;
        }
        return policy.getSpec().getEgress().isEmpty() ? List.of("Ingress") : List.of("Ingress", "Egress");
    }

    private static boolean peersMatch(NetworkPolicy policy, List<NetworkPolicyPeer> peers, Endpoint endpoint) {
        return peers.isEmpty() || peers.stream().anyMatch(peer -> peerMatches(policy, peer, endpoint));
    }

    private static boolean peerMatches(NetworkPolicy policy, NetworkPolicyPeer peer, Endpoint endpoint) {
        if (peer.getIpBlock() != null) {
            return !endpoint.isPod() && inBlock(endpoint.ip(), peer.getIpBlock());
        }
        if (!endpoint.isPod()) {
            return false;
        }
        boolean namespaceMatches = peer.getNamespaceSelector() == null
                ? endpoint.namespace().equals(policy.getMetadata().getNamespace())
                : selectorMatches(peer.getNamespaceSelector(), endpoint.namespaceLabels());
        return namespaceMatches && (peer.getPodSelector() == null || selectorMatches(peer.getPodSelector(), endpoint.podLabels()));
    }

    private static boolean portsMatch(List<NetworkPolicyPort> ports, Endpoint destination, int port, String protocol) {
        return ports.isEmpty() || ports.stream().anyMatch(p -> portMatches(p, destination, port, protocol));
    }

    private static boolean portMatches(NetworkPolicyPort rule, Endpoint destination, int port, String protocol) {
        String ruleProtocol = rule.getProtocol() == null ? "TCP" : rule.getProtocol();
        if (!ruleProtocol.equals(protocol)) {
            return false;
        }
        IntOrString rulePort = rule.getPort();
        if (rulePort == null) {
            return true;
        }
        if (rulePort.getIntVal() == null) {
            // A named port means the destination pod's container port of that name.
            return Integer.valueOf(port).equals(destination.namedPorts().get(rulePort.getStrVal()));
        }
        int last = rule.getEndPort() == null ? rulePort.getIntVal() : rule.getEndPort();
        return port >= rulePort.getIntVal() && port <= last;
    }

    static boolean selectorMatches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        boolean labelsMatch = selector.getMatchLabels().entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
        return labelsMatch && selector.getMatchExpressions().stream().allMatch(r -> requirementMatches(r, labels));
    }

    private static boolean requirementMatches(LabelSelectorRequirement requirement, Map<String, String> labels) {
        String value = labels.get(requirement.getKey());
        return switch (requirement.getOperator()) {
            case "In" -> value != null && requirement.getValues().contains(value);
            case "NotIn" -> value == null || !requirement.getValues().contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> throw new AssertionError("unknown selector operator " + requirement.getOperator());
        };
    }

    private static boolean inBlock(String ip, IPBlock block) {
        return inCidr(ip, block.getCidr()) && block.getExcept().stream().noneMatch(except -> inCidr(ip, except));
    }

    private static boolean inCidr(String ip, String cidr) {
        String[] parts = cidr.split("/");
        byte[] address = bytes(ip);
        byte[] network = bytes(parts[0]);
        if (address.length != network.length) {
            return false;
        }
        int prefix = Integer.parseInt(parts[1]);
        int bits = address.length * 8;
        BigInteger mask = prefix == 0 ? BigInteger.ZERO
                : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(bits - prefix).shiftLeft(bits - prefix);
        return new BigInteger(1, address).and(mask).equals(new BigInteger(1, network).and(mask));
    }

    private static byte[] bytes(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new AssertionError("not an IP address: " + literal, e);
        }
    }
}
