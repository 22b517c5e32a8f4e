package dev.flywheel.common.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test client of server-sent events that reads a stream the way a standard EventSource does (WHATWG HTML
 * "Server-sent events", the event stream interpretation): field parsing, a single leading space stripped,
 * multi-line data joined with LF, the last-event-id buffer that persists between events, events without data
 * not dispatched, comments kept aside so tests can see heartbeats. It reads on a thread of its own, so a test can
 * wait for the next event, act, and close the connection like a browser tab that goes away.
 */
public final class SseClient implements AutoCloseable {

    /** One dispatched event: {@code lastEventId} is the stream's last-event-id buffer when it was dispatched. */
    public record Event(String lastEventId, String type, String data) {
    }

    /** The event stream interpretation, fed one line at a time (lines split at CRLF, LF or CR). */
    public static final class Parser {
        private final StringBuilder data = new StringBuilder();
        private String type = "";
        private String lastEventId = "";
        private final List<String> comments = new ArrayList<>();

        /** Feeds one line; answers the event a blank line dispatches, or null. */
        public Event line(String line) {
            if (line.isEmpty()) {
                return dispatch();
            }
            if (line.startsWith(":")) {
                comments.add(line.substring(1).strip());
                return null;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "event" -> type = value;
                case "data" -> data.append(value).append('\n');
                case "id" -> {
                    if (value.indexOf('\0') < 0) {
                        lastEventId = value;
                    }
                }
                default -> {
                    // retry and unknown fields: not used by these streams
                }
            }
            return null;
        }

        public List<String> comments() {
            return comments;
        }

        private Event dispatch() {
            if (data.isEmpty()) {
                type = "";
                return null;
            }
            String payload = data.substring(0, data.length() - 1);
            Event event = new Event(lastEventId, type.isEmpty() ? "message" : type, payload);
            data.setLength(0);
            type = "";
            return event;
        }
    }

    private static final Event END = new Event("", "", "");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    private final List<Event> received = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final List<Long> commentTimes = new CopyOnWriteArrayList<>();
    private volatile boolean ended;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        if (response.statusCode() == 200) {
            Thread reader = new Thread(this::read, "sse-client");
            reader.setDaemon(true);
            reader.start();
        } else {
            ended = true;
            queue.add(END);
        }
    }

    /** Opens a stream with {@code Accept: text/event-stream} and the given extra headers (e.g. Last-Event-ID). */
    public static SseClient open(String url, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        headers.forEach(request::header);
        try {
            return new SseClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static SseClient open(String url) {
        return open(url, Map.of());
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The body of an answer that is not a stream (a problem, an empty 204). */
    public String body() {
        try {
            return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next event, or null when the server ended the stream; fails after {@code timeout}. */
    public Event next(Duration timeout) {
        try {
            Event event = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("no event within " + timeout + "; received so far: " + received);
            }
            if (event == END) {
                queue.add(END);
                return null;
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every event until the server ends the stream; fails if it is still open after {@code timeout}. */
    public List<Event> untilEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Event> events = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the stream did not end within " + timeout + "; received: " + received);
            }
            Event event = next(Duration.ofNanos(left));
            if (event == null) {
                return events;
            }
            events.add(event);
        }
    }

    /** Every event received so far, in order. */
    public List<Event> received() {
        return List.copyOf(received);
    }

    public List<String> comments() {
        return List.copyOf(comments);
    }

    /** When each comment arrived ({@link System#nanoTime()}). */
    public List<Long> commentTimes() {
        return List.copyOf(commentTimes);
    }

    public boolean ended() {
        return ended;
    }

    private void read() {
        Parser parser = new Parser();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                int before = parser.comments().size();
                Event event = parser.line(line);
                if (parser.comments().size() > before) {
                    comments.add(parser.comments().get(before));
                    commentTimes.add(System.nanoTime());
                }
                if (event != null) {
                    received.add(event);
                    queue.add(event);
                }
            }
        } catch (IOException closed) {
            // closed by this client or cut by the server: either way the stream is over
        } finally {
            ended = true;
            queue.add(END);
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
