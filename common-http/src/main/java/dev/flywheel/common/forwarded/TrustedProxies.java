package dev.flywheel.common.forwarded;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a peer may speak for the client in forwarded headers: the same decision Quarkus makes from
 * {@code quarkus.http.proxy.proxy-address-forwarding} and {@code quarkus.http.proxy.trusted-proxies}, made again
 * here for what Quarkus does not rewrite ({@code X-Forwarded-Prefix}) and for the gateway, which must know whether
 * to keep or overwrite what it received. Entries are IP addresses or CIDR blocks; forwarding switched off trusts
 * nobody, and so does an empty list (unlike Quarkus, which then trusts everybody: the shared defaults never leave
 * it empty).
 */
public final class TrustedProxies {

    private final boolean enabled;
    private final List<Block> blocks;

    private TrustedProxies(boolean enabled, List<Block> blocks) {
        this.enabled = enabled;
        this.blocks = blocks;
    }

    public static TrustedProxies of(boolean forwardingEnabled, Optional<List<String>> entries) {
        List<Block> blocks = new ArrayList<>();
        entries.orElse(List.of()).stream().map(String::strip).filter(entry -> !entry.isEmpty())
                .map(Block::parse).forEach(blocks::add);
        return new TrustedProxies(forwardingEnabled, List.copyOf(blocks));
    }

    /** Whether any peer may be trusted at all: when not, a request's peer need not even be looked at. */
    public boolean trustsAnyone() {
        return enabled && !blocks.isEmpty();
    }

    /** Whether a peer at this address (the socket's, never one a header claims) is a trusted proxy. */
    public boolean trusts(String peerAddress) {
        if (!enabled || peerAddress == null || blocks.isEmpty()) {
            return false;
        }
        byte[] peer = literal(peerAddress);
        return peer != null && blocks.stream().anyMatch(block -> block.contains(peer));
    }

    /** A numeric address without a DNS lookup (a name is no address here), or null when the text is none. */
    static byte[] literal(String address) {
        String bare = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1)
                : address;
        int zone = bare.indexOf('%');
        bare = zone < 0 ? bare : bare.substring(0, zone);
        boolean numeric = bare.contains(":") ? bare.matches("[0-9A-Fa-f:.]+")
                : bare.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        if (!numeric) {
            return null;
        }
        try {
            return InetAddress.getByName(bare).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private record Block(byte[] network, int prefixBits) {

        static Block parse(String entry) {
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            byte[] network = literal(address);
            if (network == null) {
                throw new IllegalArgumentException("quarkus.http.proxy.trusted-proxies: " + entry
                        + " is not an IP address or CIDR block");
            }
            int bits = slash < 0 ? network.length * 8 : Integer.parseInt(entry.substring(slash + 1));
            if (bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException("quarkus.http.proxy.trusted-proxies: " + entry
                        + " has a prefix length out of range");
            }
            return new Block(network, bits);
        }

        boolean contains(byte[] address) {
            byte[] candidate = address;
            if (candidate.length != network.length) {
                candidate = mapped(candidate, network.length);
                if (candidate == null) {
                    return false;
                }
            }
            int full = prefixBits / 8;
            for (int i = 0; i < full; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixBits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (candidate[full] & mask) == (network[full] & mask);
        }

        /** An IPv4 peer seen as IPv4-mapped IPv6 (::ffff:a.b.c.d) and back, so either spelling matches. */
        private static byte[] mapped(byte[] address, int length) {
            if (address.length == 16 && length == 4) {
                for (int i = 0; i < 10; i++) {
                    if (address[i] != 0) {
                        return null;
                    }
                }
                if (address[10] != (byte) 0xFF || address[11] != (byte) 0xFF) {
                    return null;
                }
                return new byte[] { address[12], address[13], address[14], address[15] };
            }
            if (address.length == 4 && length == 16) {
                byte[] v6 = new byte[16];
                v6[10] = (byte) 0xFF;
                v6[11] = (byte) 0xFF;
                System.arraycopy(address, 0, v6, 12, 4);
                return v6;
            }
            return null;
        }
    }
}
