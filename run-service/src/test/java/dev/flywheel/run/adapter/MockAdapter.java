package dev.flywheel.run.adapter;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The seed's MockAdapter as a CDI bean of the test application (provider {@code mock}): answers
 * {@code params.reply} or "mock response", 10 tokens in and 5 out, and records every call. Model
 * {@code mock:fail} fails like the seed's FailAdapter; {@code params.delay_ms} delays the answer.
 */
@ApplicationScoped
public class MockAdapter implements ModelAdapter {

    private final ConcurrentLinkedQueue<CompletionRequest> calls = new ConcurrentLinkedQueue<>();

    @Override
    public String provider() {
        return "mock";
    }

    @Override
    public Uni<Completion> complete(CompletionRequest request) {
        calls.add(request);
        if ("fail".equals(request.model())) {
            return Uni.createFrom().failure(new IllegalStateException("LLM endpoint down"));
        }
        Object reply = request.params().getOrDefault("reply", "mock response");
        long delay = ((Number) request.params().getOrDefault("delay_ms", 0)).longValue();
        Uni<Completion> answer = Uni.createFrom().item(new Completion(String.valueOf(reply), 10, 5, 42, "mock:" + request.model()));
        return delay > 0 ? answer.onItem().delayIt().by(Duration.ofMillis(delay)) : answer;
    }

    /** Calls whose prompt contains the marker, in order. */
    public List<CompletionRequest> callsWith(String marker) {
        return calls.stream().filter(call -> call.prompt().contains(marker)).toList();
    }
}
