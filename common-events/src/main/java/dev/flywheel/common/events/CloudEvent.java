package dev.flywheel.common.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** The CloudEvents 1.0 JSON envelope every Flywheel event travels in (SPEC §2). */
public record CloudEvent(String specversion, UUID id, String source, String type, Instant time,
        String datacontenttype, JsonNode data) {

    public static final String SPEC_VERSION = "1.0";

    public static CloudEvent of(String source, String type, JsonNode data) {
        return new CloudEvent(SPEC_VERSION, UUID.randomUUID(), source, type, Instant.now().truncatedTo(ChronoUnit.MICROS),
                "application/json", data);
    }
}
