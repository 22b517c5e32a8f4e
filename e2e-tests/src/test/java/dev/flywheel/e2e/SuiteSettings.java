package dev.flywheel.e2e;

import java.util.Map;

/** Service settings the end-to-end run needs beyond infrastructure and peer URLs. */
final class SuiteSettings {

    private SuiteSettings() {
    }

    /**
     * Two runs at a time: a batch then takes long enough for the browser test to watch its progress bar move
     * (a run of the built-in echo model takes milliseconds).
     */
    static Map<String, String> extra(Suite suite) {
        return Map.of("RUN_WORKER_CONCURRENCY", "2");
    }
}
