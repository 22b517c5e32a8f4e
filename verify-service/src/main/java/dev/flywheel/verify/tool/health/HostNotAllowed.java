package dev.flywheel.verify.tool.health;

/** A URL {@code http_health} refuses to fetch: its host is not in {@code verify.http-health.allowed-hosts}. */
public class HostNotAllowed extends RuntimeException {

    public HostNotAllowed(String host) {
        super("host " + host + " is not allowed: http_health only fetches from the hosts in"
                + " verify.http-health.allowed-hosts");
    }
}
