package dev.flywheel.common.requestid;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** A REST client pointed back at the test app, standing in for a peer service. */
@RegisterRestClient(configKey = "self")
@Path("/test/request-id")
public interface EchoClient {

    @GET
    @Path("/echo")
    Uni<String> echo();
}
