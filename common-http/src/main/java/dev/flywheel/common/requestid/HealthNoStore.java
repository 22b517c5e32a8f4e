package dev.flywheel.common.requestid;

import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** Health answers are never cached (SPEC §3): a cached UP would hide an outage from probes and people. */
@Singleton
public class HealthNoStore {

    void install(@Observes Router router) {
        router.route("/q/health*").order(Integer.MIN_VALUE + 1).handler(rc -> {
            rc.response().putHeader("Cache-Control", "no-store");
            rc.next();
        });
    }
}
