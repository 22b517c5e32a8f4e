package dev.flywheel.verify.tool.health;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The hosts {@code http_health} may fetch from ({@code verify.http-health.allowed-hosts}, SPEC §10):
 * a caller can name any URL, so without this the tool would fetch whatever a caller asks from inside
 * the network (server-side request forgery where no egress policy applies: local, compose). Names are
 * compared without case and without a trailing dot; nothing is resolved, so a name is allowed or
 * refused for what it says.
 */
public final class AllowedHosts {

    /** The entry that stands for this machine: localhost, 127.0.0.0/8 and ::1 (also IPv4-mapped). */
    public static final String LOOPBACK = "loopback";

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private final boolean loopback;
    private final Set<String> hosts;
    private final List<String> suffixes;

    private AllowedHosts(boolean loopback, Set<String> hosts, List<String> suffixes) {
        this.loopback = loopback;
        this.hosts = hosts;
        this.suffixes = suffixes;
    }

    /** The allow-list the entries describe; see {@code VerifyConfig.HttpHealth#allowedHosts}. */
    public static AllowedHosts of(List<String> entries) {
        boolean loopback = false;
        Set<String> hosts = new HashSet<>();
        List<String> suffixes = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equalsIgnoreCase(LOOPBACK)) {
                loopback = true;
            } else if (entry.startsWith(".")) {
                suffixes.add(normalise(entry));
            } else if (entry.contains("://")) {
                String host = URI.create(entry).getHost();
                if (host == null) {
                    throw new IllegalArgumentException("verify.http-health.allowed-hosts: no host in " + entry);
                }
                hosts.add(normalise(host));
            } else {
                hosts.add(normalise(entry));
            }
        }
        return new AllowedHosts(loopback, Set.copyOf(hosts), List.copyOf(suffixes));
    }

    /** Whether a URL's host (as {@link URI#getHost()} gives it) may be fetched. */
    public boolean allows(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String name = normalise(host);
        if (hosts.contains(name) || (loopback && isLoopback(name))) {
            return true;
        }
        return suffixes.stream().anyMatch(suffix -> name.endsWith(suffix) && name.length() > suffix.length());
    }

    /** Lower case, without IPv6 brackets or the trailing dot of a fully qualified name. */
    static String normalise(String host) {
        String name = host.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static boolean isLoopback(String name) {
        if (name.equals("localhost")) {
            return true;
        }
        var ipv4 = IPV4.matcher(name);
        if (ipv4.matches()) {
            return ipv4.group(1).equals("127");
        }
        if (!name.contains(":")) {
            return false;
        }
        try {
            // An IPv6 literal: parsed, never looked up, since it contains a colon.
            return InetAddress.getByName(name).isLoopbackAddress();
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }
}
