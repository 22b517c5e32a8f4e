package dev.flywheel.run.stream;

/**
 * The text/event-stream wire format (WHATWG HTML, "Server-sent events"): one block per event, ended by a blank
 * line. A value's line breaks (CR, LF or CRLF) would end its field early, so data is split into one
 * {@code data:} line per line and ids and event names must not contain any.
 */
public final class SseFormat {

    private SseFormat() {
    }

    /** An event with its {@code id:} and {@code event:} name. */
    public static String event(String id, String type, String data) {
        StringBuilder block = new StringBuilder();
        block.append("id: ").append(singleLine("id", id)).append('\n');
        block.append("event: ").append(singleLine("event", type)).append('\n');
        for (String line : data.split("\r\n|\r|\n", -1)) {
            block.append("data: ").append(line).append('\n');
        }
        return block.append('\n').toString();
    }

    /** A comment: clients ignore it, intermediaries see traffic. */
    public static String comment(String text) {
        return ": " + singleLine("comment", text) + "\n\n";
    }

    private static String singleLine(String field, String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an SSE " + field + " cannot hold a line break or NUL: " + value);
        }
        return value;
    }
}
