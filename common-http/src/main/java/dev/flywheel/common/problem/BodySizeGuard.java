package dev.flywheel.common.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses a declared body over {@code quarkus.http.limits.max-body-size} up front with a 413 problem, before
 * anything reads it; Vert.x itself still cuts undeclared (chunked) bodies at the same limit.
 */
@Singleton
public class BodySizeGuard {

    private final long limit = ConfigProvider.getConfig()
            .getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class)
            .map(MemorySize::asLongValue)
            .orElse(10L * 1024 * 1024);

    /** Whether the request declared too large a body and has been answered 413 ({@code hygiene.EdgeChecks}). */
    public boolean refused(RoutingContext rc) {
        String declared = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null || !isOver(declared, limit)) {
            return false;
        }
        Problem problem = Problem.of(413, "Content Too Large",
                "The request body is larger than " + limit + " bytes", rc.request().path());
        ProblemWriter.send(rc.response().putHeader("Connection", "close"), problem);
        return true;
    }

    private static boolean isOver(String declared, long limit) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
