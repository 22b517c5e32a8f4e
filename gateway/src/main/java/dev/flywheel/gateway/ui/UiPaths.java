package dev.flywheel.gateway.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Ids and query values from the browser on their way into a service URL: an id must look like an id (so no
 * {@code ..} or {@code /} can steer the call to another endpoint) and query values are URL-encoded.
 */
public final class UiPaths {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_:-][A-Za-z0-9._:-]{0,199}");

    private UiPaths() {
    }

    /** The id as a path segment; anything else is answered 404 before any service is called. */
    public static String id(String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new UiRefusal(404, "There is no such page: not a valid id.");
        }
        return value;
    }

    /** A query string ({@code ?a=1&b=2}) of name, value pairs, values encoded; blank values are left out. */
    public static String query(String... namesAndValues) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            String value = namesAndValues[i + 1];
            if (value != null && !value.isBlank()) {
                query.append(query.length() == 0 ? '?' : '&').append(namesAndValues[i]).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return query.toString();
    }
}
