package dev.flywheel.common.requestid;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Test-only endpoints: one calls a "peer" through a REST client, the other reports the id it received. */
@Path("/test/request-id")
public class RequestIdResource {

    @RestClient
    EchoClient peer;

    @GET
    @Path("/echo")
    public String echo(@HeaderParam(RequestIds.HEADER) String received) {
        return String.valueOf(received);
    }

    @GET
    @Path("/via-peer")
    public Uni<String> viaPeer() {
        return peer.echo();
    }
}
