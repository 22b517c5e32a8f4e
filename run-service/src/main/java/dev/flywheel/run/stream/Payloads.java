package dev.flywheel.run.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.run.events.RunEvent;

/** The {@code data:} of stream events: JSON objects that name their type, as the UI and CLI read them. */
final class Payloads {

    private Payloads() {
    }

    /** {@code {type, run_id, experiment_id, time, data}}. */
    static String run(ObjectMapper mapper, RunEvent event) {
        return write(mapper, base(mapper, event));
    }

    static ObjectNode base(ObjectMapper mapper, RunEvent event) {
        ObjectNode node = mapper.createObjectNode();
        node.put("type", event.type());
        node.put("run_id", event.runId().toString());
        node.put("experiment_id", event.experimentId() == null ? null : event.experimentId().toString());
        node.set("time", mapper.valueToTree(event.time()));
        node.set("data", event.data());
        return node;
    }

    static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stream event cannot be serialised", e);
        }
    }
}
