package dev.flywheel.gateway.status;

import java.time.Instant;
import java.util.List;

/** The suite at a glance: every service's readiness and the self-test loop's overall capability status. */
public record SuiteStatus(String status, Instant checkedAt, List<ServiceStatus> services, String capabilities) {
}
