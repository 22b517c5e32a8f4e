package dev.flywheel.selftest.probe;

import dev.flywheel.selftest.LoopQaConfig;
import dev.flywheel.selftest.capability.Capability;
import dev.flywheel.selftest.notes.Note;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/** self_coding: a "Self-Test Note" with an improvement sketch is written and read back intact (SPEC §7). */
@ApplicationScoped
public class SelfCodingProbe implements CapabilityProbe {

    public static final String TITLE = "Self-Test Note";

    private final int keepLatest;

    public SelfCodingProbe(LoopQaConfig config) {
        this.keepLatest = config.stores().keepLatest();
    }

    @Override
    public Capability capability() {
        return Capability.SELF_CODING;
    }

    @Override
    public Uni<ProbeResult> run() {
        return ProbeGuard.guard(capability(), () -> {
            String body = sketch("note-marker-" + UUID.randomUUID());
            return Panache.withTransaction(() -> Note.write(TITLE, body)
                            .call(() -> Note.pruneKeepingLatest(TITLE, keepLatest)))
                    // A new session, so the read really goes to the database instead of the session cache.
                    .chain(written -> Panache.withSession(() -> Note.<Note>findById(written.id)))
                    .map(read -> read != null && TITLE.equals(read.title) && body.equals(read.body)
                            ? ProbeResult.passed(capability(), "wrote and read back " + TITLE + " " + read.id)
                            : ProbeResult.failed(capability(), TITLE + " did not read back as written",
                                    "NoteMismatch"));
        });
    }

    private static String sketch(String marker) {
        return "# " + TITLE + "\n\n"
                + "Written by the self_coding probe at " + Instant.now() + ".\n\n"
                + "Improvement sketch: turn the probe with the longest failing streak into a focused regression"
                + " test, then tighten its timeout once it passes reliably.\n\n"
                + "Marker: " + marker + "\n";
    }
}
