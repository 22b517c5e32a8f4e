package dev.flywheel.cli.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.cli.api.ApiClient;
import dev.flywheel.cli.api.ApiError;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Progress from run-service's experiment event stream, {@code GET /api/experiments/{id}/events?until=idle}
 * (SPEC §10): the snapshot's counts, then the counts after each run's status change, until the server ends the
 * stream with nothing pending or running. Every event carries the experiment's counts as the server read them, so
 * nothing is added up here and a resumed stream (which may repeat a status change) cannot count a run twice.
 * A dropped connection is resumed with {@code Last-Event-ID}, a few times in a row at most; a server without the
 * stream, or one that keeps failing, gets a {@link StreamUnavailable} instead of progress that might be wrong.
 */
public final class EventStreamProgress implements ProgressSource {

    /** Connections in a row that bring no event before the stream is given up. */
    static final int ATTEMPTS = 5;
    static final String SNAPSHOT = "experiment.snapshot";
    private static final long FIRST_BACKOFF_MS = 100;

    private final ApiClient client;
    private final String path;
    private final Duration silence;
    private Connection connection;
    private String lastEventId;
    private Progress latest;
    private int failures;
    private boolean ended;

    /**
     * @param silence how long a connection may stay silent before it is taken for dead: a few of the server's
     *                heartbeat intervals (run-service's {@code run.events.heartbeat}, 15 s by default)
     */
    public EventStreamProgress(ApiClient client, UUID experimentId, Duration silence) {
        this.client = client;
        this.path = "/api/experiments/" + experimentId + "/events?until=idle";
        this.silence = silence;
    }

    @Override
    public Progress next() throws InterruptedException {
        if (ended) {
            // Asked again after the server said nothing is pending or running: the eval expects runs the stream
            // does not count, and reconnecting would only hear the same end.
            throw new StreamUnavailable("the event stream ended with " + latest.total()
                    + " runs in the experiment, none pending or running, fewer than the eval submitted");
        }
        while (true) {
            if (connection == null) {
                connection = new Connection(client, path, lastEventId);
            }
            Signal signal = connection.signals.poll(silence.toMillis(), TimeUnit.MILLISECONDS);
            if (signal == null) {
                retry("no event or heartbeat for " + silence.toSeconds() + " s");
            } else if (signal instanceof Line line) {
                Progress progress = connection.parser.line(line.text());
                if (progress != null) {
                    return progress;
                }
            } else if (signal instanceof Ended) {
                // A stream ends once the experiment is idle; one that ends before was cut (a proxy, a restart).
                if (idle()) {
                    return end();
                }
                retry("the stream ended before the runs did");
            } else if (signal instanceof Dropped dropped) {
                retry(dropped.failure().toString());
            } else if (signal instanceof Answered answered) {
                Progress progress = answered(answered.response());
                if (progress != null) {
                    return progress;
                }
            }
        }
    }

    private Progress answered(HttpResponse<String> response) throws InterruptedException {
        int status = response.statusCode();
        // 204 answers a resumption when the stream had ended and nothing changed since the client's last event.
        if (status == 204 && idle()) {
            return end();
        }
        if (status == 429 || status == 502 || status == 503 || status == 504) {
            retry("GET " + path + " answered " + status);
            return null;
        }
        close();
        if (status != 200 && status != 204) {
            throw new StreamUnavailable(new ApiError("GET " + path, status, read(response.body())).getMessage());
        }
        throw new StreamUnavailable("GET " + path + (status == 200 ? " answered 200 ("
                + response.headers().firstValue("Content-Type").orElse("no content type") + "), not an event stream"
                : " answered 204 while runs were still pending or running"));
    }

    private boolean idle() {
        return latest != null && latest.pending() == 0 && latest.running() == 0;
    }

    private Progress end() {
        close();
        ended = true;
        return latest;
    }

    private void retry(String why) throws InterruptedException {
        close();
        failures++;
        if (failures >= ATTEMPTS) {
            throw new StreamUnavailable("the event stream of the experiment failed " + failures + " times in a row ("
                    + why + ")");
        }
        Thread.sleep(FIRST_BACKOFF_MS << (failures - 1));
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    private static JsonNode read(String body) {
        try {
            return body == null || body.isBlank() ? null : ApiClient.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** What the reading thread hears from one connection. */
    private sealed interface Signal permits Line, Ended, Dropped, Answered {
    }

    private record Line(String text) implements Signal {
    }

    private record Ended() implements Signal {
    }

    private record Dropped(Throwable failure) implements Signal {
    }

    /** The server answered with something other than an event stream. */
    private record Answered(HttpResponse<String> response) implements Signal {
    }

    /** One request for the stream: lines arrive on the HTTP client's threads and wait in a queue to be read. */
    private final class Connection implements Flow.Subscriber<String> {

        final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
        final EventParser parser = new EventParser();
        private final CompletableFuture<HttpResponse<String>> answer;
        private volatile Flow.Subscription subscription;

        Connection(ApiClient client, String path, String lastEventId) {
            answer = client.events(path, lastEventId, this);
            answer.whenComplete((response, failure) -> signals.add(failure != null ? new Dropped(failure)
                    : response.body() == null ? new Ended() : new Answered(response)));
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            signals.add(new Line(line));
        }

        @Override
        public void onError(Throwable failure) {
            // The answer's future completes exceptionally too, and says so in the queue after the last line.
        }

        @Override
        public void onComplete() {
            // Likewise: the future completes after the last line.
        }

        void close() {
            Flow.Subscription open = subscription;
            if (open != null) {
                open.cancel();
            }
            answer.cancel(true);
        }
    }

    /**
     * The text/event-stream format (WHATWG HTML, "Server-sent events") as far as this stream uses it: {@code id},
     * {@code event} and {@code data} fields, comments (heartbeats), a blank line ending each event. An event cut off
     * by a dropped connection is never dispatched, so its id is not the one a resumption starts from.
     */
    private final class EventParser {

        private String id;
        private String type;
        private final StringBuilder data = new StringBuilder();
        private boolean hasData;

        /** Takes one line; answers the counts of the event it completes, if that event has counts. */
        Progress line(String line) {
            if (line.isEmpty()) {
                return dispatch();
            }
            if (line.startsWith(":")) {
                return null;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "id" -> id = value.indexOf('\0') < 0 ? value : id;
                case "event" -> type = value;
                case "data" -> {
                    data.append(hasData ? "\n" : "").append(value);
                    hasData = true;
                }
                default -> {
                    // retry and unknown fields: the reconnection policy is this class's own.
                }
            }
            return null;
        }

        private Progress dispatch() {
            String eventType = type;
            String payload = data.toString();
            boolean any = hasData;
            type = null;
            data.setLength(0);
            hasData = false;
            if (id != null) {
                lastEventId = id;
            }
            if (!any) {
                return null;
            }
            failures = 0;
            JsonNode event;
            try {
                event = ApiClient.JSON.readTree(payload);
            } catch (JsonProcessingException e) {
                close();
                throw new StreamUnavailable("the event stream sent an event that is not JSON: " + e.getOriginalMessage());
            }
            JsonNode counts = SNAPSHOT.equals(eventType) ? event.path("data").path("counts") : event.path("counts");
            if (!counts.isObject()) {
                return null;
            }
            latest = progress(counts);
            return latest;
        }
    }

    /** The server's counts per status; a status this client does not know counts as not ended yet. */
    static Progress progress(JsonNode counts) {
        int pending = 0;
        int running = 0;
        int completed = 0;
        int failed = 0;
        int cancelled = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = counts.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> count = it.next();
            if (!count.getValue().canConvertToInt() || count.getValue().asInt() < 0) {
                throw new StreamUnavailable("the event stream sent a count that is not a number: " + counts);
            }
            int n = count.getValue().asInt();
            switch (count.getKey()) {
                case "running" -> running += n;
                case "completed" -> completed += n;
                case "failed" -> failed += n;
                case "cancelled" -> cancelled += n;
                default -> pending += n;
            }
        }
        return new Progress(pending + running + completed + failed + cancelled, pending, running, completed, failed,
                cancelled);
    }
}
