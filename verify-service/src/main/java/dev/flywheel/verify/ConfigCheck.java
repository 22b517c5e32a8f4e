package dev.flywheel.verify;

import dev.flywheel.common.config.ConfigBounds;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Stops the start on a setting of {@link VerifyConfig} out of its bounds (why not {@code @Min}: {@link ConfigBounds}).
 */
@ApplicationScoped
class ConfigCheck {

    void check(@Observes StartupEvent event, VerifyConfig config) {
        ConfigBounds.atLeast("verify.verifications.acceptance-batch-size",
                config.verifications().acceptanceBatchSize(), 1);
        ConfigBounds.atLeast("verify.verifications.completion-batch-size",
                config.verifications().completionBatchSize(), 1);
    }
}
