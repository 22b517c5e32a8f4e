package dev.flywheel.e2e;

import java.util.Map;

/** Service settings the end-to-end run needs beyond infrastructure and peer URLs. */
final class SuiteSettings {

    private SuiteSettings() {
    }

    static Map<String, String> extra(Suite suite) {
        return Map.of();
    }
}
