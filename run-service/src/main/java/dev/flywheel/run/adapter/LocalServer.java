package dev.flywheel.run.adapter;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Whether a provider's base URL names a server of one's own, which has no rate limit to respect: {@code localhost},
 * a host name without a dot (a container or Kubernetes service such as {@code ollama}), a {@code .local},
 * {@code .internal} or {@code .svc.cluster.local} name, or a loopback, private or link-local address. Any other name
 * may be a paid API. Judged from the text alone: no DNS lookup, so never a blocked event loop.
 */
final class LocalServer {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F:.]+]?");

    private LocalServer() {
    }

    static boolean at(String baseUrl) {
        String host;
        try {
            host = URI.create(baseUrl).getHost();
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (host == null) {
            return false;
        }
        if (IP_LITERAL.matcher(host).matches()) {
            try {
                InetAddress address = InetAddress.getByName(host);
                return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return host.equals("localhost") || !host.contains(".") || host.endsWith(".local") || host.endsWith(".internal")
                || host.endsWith(".svc.cluster.local");
    }
}
