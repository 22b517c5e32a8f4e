package dev.flywheel.selftest.health;

import dev.flywheel.selftest.capability.CapabilityStatus;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * {@code /q/health/group/capabilities}: DOWN while any capability is red. Deliberately in its own group and
 * never in liveness or readiness: a failing self-test must not get the pod restarted or taken out of service.
 */
@HealthGroup("capabilities")
@ApplicationScoped
public class CapabilitiesHealthCheck implements AsyncHealthCheck {

    private final HealthQuery health;

    public CapabilitiesHealthCheck(HealthQuery health) {
        this.health = health;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return health.snapshot().map(snapshot -> {
            HealthCheckResponseBuilder builder = HealthCheckResponse.named("loop-qa capabilities")
                    .status(snapshot.overallStatus() != CapabilityStatus.RED)
                    .withData("overall_status", snapshot.overallStatus().value());
            snapshot.capabilities().forEach(line -> builder.withData(line.capability().value(), line.status().value()));
            return builder.build();
        });
    }
}
