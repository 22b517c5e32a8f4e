package dev.flywheel.selftest.peer;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestPath;

/** verify-service's read-only tool registry (SPEC §6). */
@RegisterRestClient(configKey = "verify-service")
@Path("/api/tools")
public interface VerifyToolsClient {

    /** The body is the tool's parameters object, e.g. {@code {"url": ".../q/health/ready"}} for http_health. */
    @POST
    @Path("/{name}/execute")
    Uni<ToolExecution> execute(@RestPath("name") String tool, Map<String, Object> parameters);
}
