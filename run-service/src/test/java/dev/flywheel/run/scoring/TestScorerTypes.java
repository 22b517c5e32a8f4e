package dev.flywheel.run.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** The seed's MockScorer, AsyncMockScorer and BrokenScorer as scorer types of the test application. */
final class TestScorerTypes {

    private TestScorerTypes() {
    }

    /** {@code {"type": "fixed", "value": 0.85}}: always that value, synchronously. */
    @ApplicationScoped
    static class Fixed implements ScorerType {
        @Override
        public String type() {
            return "fixed";
        }

        @Override
        public Scorer create(String name, JsonNode spec) {
            double value = spec.path("value").asDouble(0.85);
            return new SyncScorer(name, input -> value);
        }
    }

    /** {@code {"type": "async_fixed", "value": 0.9}}: that value, after an asynchronous pause. */
    @ApplicationScoped
    static class AsyncFixed implements ScorerType {
        @Override
        public String type() {
            return "async_fixed";
        }

        @Override
        public Scorer create(String name, JsonNode spec) {
            double value = spec.path("value").asDouble(0.9);
            return new Scorer() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public Uni<Double> score(ScoringInput input) {
                    return Uni.createFrom().item(value).onItem().delayIt().by(Duration.ofMillis(50));
                }
            };
        }
    }

    /** {@code {"type": "broken"}}: throws, as the seed's BrokenScorer does. */
    @ApplicationScoped
    static class Broken implements ScorerType {
        @Override
        public String type() {
            return "broken";
        }

        @Override
        public Scorer create(String name, JsonNode spec) {
            return new SyncScorer(name, input -> {
                throw new IllegalArgumentException("scorer exploded");
            });
        }
    }
}
