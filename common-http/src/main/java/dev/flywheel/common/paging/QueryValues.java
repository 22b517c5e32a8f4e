package dev.flywheel.common.paging;

import dev.flywheel.common.json.StorableText;
import dev.flywheel.common.problem.InvalidInput;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.UUID;

/**
 * Typed query values read from text, each refusal a 400 naming the parameter (SPEC §10 "Invalid query values are
 * 400"): a typed JAX-RS query parameter that fails to convert would be answered 404.
 */
public final class QueryValues {

    private QueryValues() {
    }

    /**
     * Free text compared with stored values (a filter), stripped, or null when absent; text Postgres cannot take
     * (NUL, an unpaired surrogate) is refused naming the parameter instead of failing in the database.
     */
    public static String text(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String problem = StorableText.problem(value);
        if (problem != null) {
            throw new InvalidInput(parameter, problem);
        }
        return value.strip();
    }

    /** A UUID, or null when absent. */
    public static UUID uuid(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            UUID id = UUID.fromString(value.strip());
            // UUID.fromString accepts short groups ("1-1-1-1-1"); only the canonical form is an id.
            if (id.toString().equalsIgnoreCase(value.strip())) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw new InvalidInput(parameter, "must be a UUID");
    }

    /** An ISO-8601 instant ({@code 2026-01-31T10:00:00Z} or with an offset), or null when absent. */
    public static Instant instant(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInput(parameter, "must be an ISO-8601 time such as 2026-01-31T10:00:00Z");
        }
    }

    /** One of the allowed words, or null when absent. */
    public static String oneOf(String parameter, String value, Collection<String> allowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (allowed.contains(value.strip())) {
            return value.strip();
        }
        throw new InvalidInput(parameter, "must be one of " + String.join(", ", allowed));
    }
}
