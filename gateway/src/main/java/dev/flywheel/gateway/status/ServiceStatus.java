package dev.flywheel.gateway.status;

import com.fasterxml.jackson.databind.JsonNode;

/** One service's readiness as the gateway saw it: {@code UP}, {@code DOWN} or {@code UNREACHABLE}. */
public record ServiceStatus(String name, String status, Integer httpStatus, JsonNode checks, String error) {
}
