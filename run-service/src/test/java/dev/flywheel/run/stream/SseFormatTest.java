package dev.flywheel.run.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flywheel.common.testing.SseClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire format, checked by reading it back with a spec-conformant parser rather than by its text. */
class SseFormatTest {

    @Test
    void anEventCarriesItsIdTypeAndData() {
        List<SseClient.Event> events = parse(SseFormat.event("1.2", "run.stage_completed", "{\"a\":1}"));

        assertThat(events).containsExactly(new SseClient.Event("1.2", "run.stage_completed", "{\"a\":1}"));
    }

    @Test
    void dataWithLineBreaksOfEveryKindArrivesWhole() {
        List<SseClient.Event> events = parse(SseFormat.event("7", "x", "one\ntwo\r\nthree\rfour"));

        assertThat(events).singleElement().extracting(SseClient.Event::data).isEqualTo("one\ntwo\nthree\nfour");
    }

    @Test
    void emptyDataIsStillAnEvent() {
        assertThat(parse(SseFormat.event("7", "x", ""))).containsExactly(new SseClient.Event("7", "x", ""));
    }

    @Test
    void aCommentIsNoEvent() {
        SseClient.Parser parser = new SseClient.Parser();
        List<SseClient.Event> events = feed(parser, SseFormat.comment("heartbeat"));

        assertThat(events).isEmpty();
        assertThat(parser.comments()).containsExactly("heartbeat");
    }

    @Test
    void anIdOrTypeThatWouldBreakTheLineIsRefused() {
        assertThatThrownBy(() -> SseFormat.event("1\n2", "x", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SseFormat.event("1", "x\ry", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SseFormat.comment("a\nb")).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<SseClient.Event> parse(String wire) {
        return feed(new SseClient.Parser(), wire);
    }

    private static List<SseClient.Event> feed(SseClient.Parser parser, String wire) {
        List<SseClient.Event> events = new ArrayList<>();
        // Lines end at CRLF, LF or CR, as the event stream grammar says.
        for (String line : wire.split("\r\n|\n|\r", -1)) {
            SseClient.Event event = parser.line(line);
            if (event != null) {
                events.add(event);
            }
        }
        return events;
    }
}
