package dev.flywheel.gateway.routing;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service behind the gateway: its name (used in problem answers) and the replicas it is given
 * ({@code FLYWHEEL_RUN_URL=u1,u2}); requests go round-robin over the replicas that are ready (SPEC §10).
 */
public final class Upstream {

    private final String name;
    private final List<Replica> replicas;
    private final AtomicInteger turn = new AtomicInteger();

    Upstream(String name, List<Replica> replicas) {
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException(name + " has no URL");
        }
        this.name = name;
        this.replicas = List.copyOf(replicas);
    }

    /** A service from its comma-separated base URLs. */
    public static Upstream of(String name, List<String> baseUrls) {
        return new Upstream(name, baseUrls.stream()
                .flatMap(urls -> Arrays.stream(urls.split(",")))
                .filter(url -> !url.isBlank())
                .map(Replica::of)
                .toList());
    }

    public static Upstream of(String name, String baseUrls) {
        return of(name, List.of(baseUrls));
    }

    public String name() {
        return name;
    }

    public List<Replica> replicas() {
        return replicas;
    }

    /**
     * The replica whose turn it is among those available now; when none is, the next in turn all the same, so
     * that a service whose replicas all look down is still tried rather than refused unheard.
     */
    public Replica next() {
        long now = System.nanoTime();
        int start = Math.floorMod(turn.getAndIncrement(), replicas.size());
        for (int i = 0; i < replicas.size(); i++) {
            Replica candidate = replicas.get((start + i) % replicas.size());
            if (candidate.available(now)) {
                return candidate;
            }
        }
        return replicas.get(start);
    }

    @Override
    public String toString() {
        return name + replicas;
    }
}
