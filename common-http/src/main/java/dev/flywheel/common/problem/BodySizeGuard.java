package dev.flywheel.common.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses a declared body over {@code quarkus.http.limits.max-body-size} up front with a 413 problem, before
 * anything reads it; Vert.x itself still cuts undeclared (chunked) bodies at the same limit.
 */
@Singleton
public class BodySizeGuard {

    void install(@Observes Router router) {
        long limit = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class)
                .map(MemorySize::asLongValue)
                .orElse(10L * 1024 * 1024);
        router.route().order(Integer.MIN_VALUE + 2).handler(rc -> {
            String declared = rc.request().getHeader("Content-Length");
            if (declared != null && isOver(declared, limit)) {
                Problem problem = Problem.of(413, "Content Too Large",
                        "The request body is larger than " + limit + " bytes", rc.request().path());
                ProblemWriter.send(rc.response().putHeader("Connection", "close"), problem);
                return;
            }
            rc.next();
        });
    }

    private static boolean isOver(String declared, long limit) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
