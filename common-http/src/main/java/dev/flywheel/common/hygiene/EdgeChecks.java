package dev.flywheel.common.hygiene;

import dev.flywheel.common.problem.BodySizeGuard;
import dev.flywheel.common.requestid.RequestIds;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * What every request of every service goes through first, in this order and in one route: its request id
 * ({@link RequestIds}), the declared body size ({@link BodySizeGuard}, 413), framing and Host hygiene
 * ({@link HttpHygiene}, 400), and OPTIONS answered with the path's real methods ({@link AllowedMethods}). One route
 * rather than one each: every hop through the router searches the route list again, which on the gateway's proxied
 * path cost more than the checks themselves (README, Performance).
 */
@Singleton
public class EdgeChecks {

    void install(@Observes Router router, BodySizeGuard bodySize, AllowedMethods allowedMethods) {
        // Before the first connection loads Netty's decoder, which reads the property once (HttpHygiene).
        System.setProperty(HttpHygiene.RFC9112_FRAMING, "true");
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            RequestIds.assign(rc);
            if (bodySize.refused(rc) || HttpHygiene.refused(rc) || allowedMethods.answered(rc)) {
                return;
            }
            rc.next();
        });
    }
}
