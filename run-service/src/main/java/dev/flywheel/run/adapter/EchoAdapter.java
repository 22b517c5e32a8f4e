package dev.flywheel.run.adapter;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Built in and deterministic: answers with the prompt, so the suite runs with no LLM at all (SPEC §5). */
@ApplicationScoped
public class EchoAdapter implements ModelAdapter {

    @Override
    public String provider() {
        return "echo";
    }

    @Override
    public Uni<Completion> complete(CompletionRequest request) {
        String system = request.systemPrompt() == null ? "" : request.systemPrompt();
        return Uni.createFrom().item(new Completion(request.prompt(), TokenEstimate.of(system) + TokenEstimate.of(request.prompt()),
                TokenEstimate.of(request.prompt()), 0, "echo:" + request.model()));
    }
}
