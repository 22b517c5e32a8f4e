package dev.flywheel.common.actor;

/**
 * Who acted, as the gateway tells the services after checking the caller's key ({@code api-key:<12 hex of its
 * hash>}); services record it in their audit trails, and only the gateway may set it.
 */
public final class Actor {

    /** The header that carries the actor from the gateway to the services. */
    public static final String HEADER = "X-Actor";

    private Actor() {
    }
}
