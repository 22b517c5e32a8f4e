package dev.flywheel.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test client's parser against the examples of the WHATWG event stream interpretation. */
class SseClientParserTest {

    @Test
    void multiLineDataIsJoinedWithLineFeeds() {
        assertThat(parse("data: YHOO", "data: +2", "data: 10", "")).containsExactly(new SseClient.Event("", "message", "YHOO\n+2\n10"));
    }

    @Test
    void theIdPersistsUntilChangedAndTheTypeDoesNot() {
        assertThat(parse("id: 1", "event: a", "data: x", "", "data: y", "", "id", "data: z", ""))
                .containsExactly(new SseClient.Event("1", "a", "x"), new SseClient.Event("1", "message", "y"),
                        new SseClient.Event("", "message", "z"));
    }

    @Test
    void onlyOneLeadingSpaceIsStrippedAndAFieldWithoutColonIsEmpty() {
        assertThat(parse("data:  two spaces", "", "data", "data", "")).containsExactly(
                new SseClient.Event("", "message", " two spaces"), new SseClient.Event("", "message", "\n"));
    }

    @Test
    void anEventWithoutDataIsNotDispatchedAndCommentsAreKeptAside() {
        SseClient.Parser parser = new SseClient.Parser();
        List<SseClient.Event> events = feed(parser, ": heartbeat", "", "event: lonely", "", "data: after", "");

        assertThat(events).containsExactly(new SseClient.Event("", "message", "after"));
        assertThat(parser.comments()).containsExactly("heartbeat");
    }

    @Test
    void anIdWithNulIsIgnored() {
        assertThat(parse("id: 5", "data: a", "", "id: 6\0", "data: b", "")).extracting(SseClient.Event::lastEventId)
                .containsExactly("5", "5");
    }

    private static List<SseClient.Event> parse(String... lines) {
        return feed(new SseClient.Parser(), lines);
    }

    private static List<SseClient.Event> feed(SseClient.Parser parser, String... lines) {
        List<SseClient.Event> events = new ArrayList<>();
        for (String line : lines) {
            SseClient.Event event = parser.line(line);
            if (event != null) {
                events.add(event);
            }
        }
        return events;
    }
}
