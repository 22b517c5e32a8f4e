package dev.flywheel.gateway.ui;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * What the layout reads from the current request ({@code {inject:page.section}}): the header section the page
 * belongs to, marked {@code aria-current="page"}, and the notice after a write. A write redirects with
 * {@code ?done=<what>} and the notice is looked up here, so no text from a URL is ever shown as a message.
 */
@Named("page")
@Singleton
public class PageContext {

    /** The query parameter a redirect after a write carries. */
    public static final String DONE = "done";
    static final Map<String, String> NOTICES = Map.of(
            "created", "Created.",
            "updated", "Saved.",
            "activated", "Variant activated: agent-linked runs now use it.",
            "deactivated", "Variants deactivated: agent-linked runs now use the base config.",
            "cloned", "Cloned. The copy is inactive until you activate it.",
            "deleted", "Deleted.",
            "launched", "Launched. Results appear below as runs finish.",
            "selftests", "Every capability self-test ran; the panel shows their results.");

    private final CurrentVertxRequest current;

    public PageContext(CurrentVertxRequest current) {
        this.current = current;
    }

    public String section() {
        RoutingContext context = context();
        return context == null ? "" : sectionOf(context.request().path());
    }

    /** The message for the write that led here, or null. */
    public String notice() {
        RoutingContext context = context();
        String done = context == null ? null : context.request().getParam(DONE);
        return done == null ? null : NOTICES.get(done);
    }

    // Pages rendered by plain route handlers (the sign-in gate's 403, the 404) have no request context.
    private RoutingContext context() {
        return Arc.container().requestContext().isActive() ? current.getCurrent() : null;
    }

    static String sectionOf(String path) {
        if (path == null) {
            return "";
        }
        if (path.startsWith("/ui/agents")) {
            return "agents";
        }
        if (path.startsWith("/ui/experiments") || path.startsWith("/ui/runs")) {
            return "experiments";
        }
        if (path.startsWith("/ui/verifications") || path.startsWith("/ui/incidents")) {
            return "verifications";
        }
        return path.equals("/ui/") || path.equals("/ui") ? "dashboard" : "";
    }
}
