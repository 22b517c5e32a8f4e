package dev.flywheel.common.problem;

import java.util.Optional;

/**
 * Recognises a failure that is the caller's fault although it surfaced deep down (a database refusing a
 * duplicate, say) and names the problem it is. Modules that own such failures provide one as a CDI bean, so that
 * common-http needs to know neither Postgres nor Hibernate.
 */
public interface FailureTranslator {

    /** The problem this failure is, or empty when it is none of this translator's business. */
    Optional<Problem> translate(Throwable failure, String instance);
}
