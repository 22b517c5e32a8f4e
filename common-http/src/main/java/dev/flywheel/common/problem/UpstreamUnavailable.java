package dev.flywheel.common.problem;

/** A peer service (or outside system) that did not answer usefully: answered as 503 naming it. */
public class UpstreamUnavailable extends RuntimeException {

    private final String upstream;

    public UpstreamUnavailable(String upstream, String message, Throwable cause) {
        super(upstream + " is unavailable: " + message, cause);
        this.upstream = upstream;
    }

    public String upstream() {
        return upstream;
    }
}
