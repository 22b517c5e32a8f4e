package dev.flywheel.deploy.services;

import java.util.Optional;

/**
 * What the deployment files must agree with about one service, as its own configuration says it (prod profile,
 * which is what a container runs).
 */
public record ServiceFacts(String name, int port, String livenessPath, String readinessPath, String startupPath,
        Optional<String> schema) {

    /** The FLYWHEEL_&lt;SERVICE&gt;_URL variable that peers use for this service (SPEC §2). */
    public String urlVariable() {
        return "FLYWHEEL_" + name.replace("-service", "").toUpperCase(java.util.Locale.ROOT) + "_URL";
    }
}
