package dev.flywheel.deploy.services;

import java.util.Optional;
import java.util.Set;

/**
 * What the deployment files must agree with about one service, as its own configuration says it (prod profile,
 * which is what a container runs). {@code urlVariablesRead} are the FLYWHEEL_&lt;SERVICE&gt;_URL variables its code or
 * configuration reads: each falls back to a 127.0.0.1 address, which inside a container is the container itself.
 * The pool sizes bound the Postgres connections one replica opens (the JDBC pool serves only Flyway at start).
 */
public record ServiceFacts(String name, int port, String livenessPath, String readinessPath, String startupPath,
        Optional<String> schema, Set<String> urlVariablesRead, int reactivePoolSize, int jdbcPoolSize) {

    /** The FLYWHEEL_&lt;SERVICE&gt;_URL variable that peers use for this service (SPEC §2). */
    public String urlVariable() {
        return "FLYWHEEL_" + name.replace("-service", "").toUpperCase(java.util.Locale.ROOT) + "_URL";
    }
}
