package dev.flywheel.run.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The in-process listener bus: ports seed 002's TestEventBus. */
class RunEventBusTest {

    private final RunEventBus bus = new RunEventBus();

    @Test
    @DisplayName("seed test_in_process_listener")
    void aListenerReceivesPublishedEvents() {
        List<RunEvent> events = new ArrayList<>();
        bus.listen(events::add);

        bus.publish(event("test"));

        assertThat(events).singleElement().extracting(RunEvent::type).isEqualTo("test");
    }

    @Test
    @DisplayName("seed test_broken_listener_does_not_crash")
    void aBrokenListenerDoesNotStopTheOthers() {
        List<RunEvent> events = new ArrayList<>();
        bus.listen(event -> {
            throw new IllegalArgumentException("boom");
        });
        bus.listen(events::add);

        bus.publish(event("test"));

        assertThat(events).hasSize(1);
    }

    @Test
    void aClosedRegistrationHearsNothingMore() {
        List<RunEvent> events = new ArrayList<>();
        RunEventBus.Registration registration = bus.listen(events::add);
        registration.close();

        bus.publish(event("test"));

        assertThat(events).isEmpty();
    }

    private static RunEvent event(String type) {
        return new RunEvent(type, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), Instant.now(), RunPosition.at(1, 0),
                JsonNodeFactory.instance.objectNode().put("data", 42));
    }
}
