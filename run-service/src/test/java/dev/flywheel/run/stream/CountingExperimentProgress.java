package dev.flywheel.run.stream;

import io.quarkus.test.Mock;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** The real {@link ExperimentProgress}, counting how often the streams ask for an experiment's counts. */
@Mock
@Singleton
public class CountingExperimentProgress extends ExperimentProgress {

    private final AtomicInteger countQueries = new AtomicInteger();

    public CountingExperimentProgress(Pool pool) {
        super(pool);
    }

    @Override
    public Uni<Map<String, Long>> counts(UUID experimentId) {
        countQueries.incrementAndGet();
        return super.counts(experimentId);
    }

    public int countQueries() {
        return countQueries.get();
    }
}
