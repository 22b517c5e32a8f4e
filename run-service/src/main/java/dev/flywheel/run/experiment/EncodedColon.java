package dev.flywheel.run.experiment;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Some HTTP libraries percent-encode the colon of {@code runs:batch} and {@code runs:bulk}: before matching, such a
 * path is given its colon back, so each operation is one endpoint, documented once, whichever way it was spelt.
 */
public class EncodedColon {

    private static final Pattern ENCODED = Pattern.compile("(/api/experiments/[^/]+/runs)%3[aA](batch|bulk)");

    @ServerRequestFilter(preMatching = true)
    public void decode(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        Matcher encoded = ENCODED.matcher(uri.getRawPath());
        if (encoded.matches()) {
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            request.setRequestUri(uri.resolve(encoded.group(1) + ":" + encoded.group(2) + query));
        }
    }
}
