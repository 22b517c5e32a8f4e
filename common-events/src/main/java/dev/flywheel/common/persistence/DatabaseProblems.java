package dev.flywheel.common.persistence;

import dev.flywheel.common.problem.FailureTranslator;
import dev.flywheel.common.problem.Problem;
import io.vertx.pgclient.PgException;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.hibernate.JDBCException;

/**
 * Database refusals that the request caused (a duplicate, a dangling reference, a value Postgres will not
 * store) as the 409 or 400 they are, whichever layer wrapped the Postgres error (SPEC §3: never a 500 for bad
 * input).
 */
@Singleton
public class DatabaseProblems implements FailureTranslator {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final String DATA_EXCEPTION_CLASS = "22";

    @Override
    public Optional<Problem> translate(Throwable failure, String instance) {
        String sqlState = sqlState(failure);
        if (UNIQUE_VIOLATION.equals(sqlState)) {
            return Optional.of(Problem.of(409, "Conflict", "A resource with the same unique values already exists",
                    instance));
        }
        if (FOREIGN_KEY_VIOLATION.equals(sqlState)) {
            return Optional.of(Problem.of(409, "Conflict", "The request refers to a resource that does not exist",
                    instance));
        }
        if (sqlState != null && sqlState.startsWith(DATA_EXCEPTION_CLASS)) {
            return Optional.of(Problem.of(400, "Bad Request", "A value is out of range or malformed", instance));
        }
        return Optional.empty();
    }

    /** The SQLSTATE of the database error behind a failure, whichever layer wrapped it. */
    static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg) {
                return pg.getSqlState();
            }
            if (t instanceof JDBCException jdbc && jdbc.getSQLState() != null) {
                return jdbc.getSQLState();
            }
        }
        return null;
    }
}
