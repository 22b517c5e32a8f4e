package dev.flywheel.selftest.api;

import dev.flywheel.common.paging.Cursor;
import dev.flywheel.common.paging.Limit;
import dev.flywheel.common.paging.Page;
import dev.flywheel.common.problem.InvalidInput;
import dev.flywheel.selftest.capability.Capability;
import dev.flywheel.selftest.loop.LoopOrchestrator;
import dev.flywheel.selftest.loop.NextTestOutcome;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.RestQuery;

/** Operating the loop by hand and reading what it recorded (SPEC §7). */
@Path("/api/selftest")
@Produces(MediaType.APPLICATION_JSON)
public class SelftestResource {

    private static final Set<String> PROPOSAL_STATUSES = Set.of("open", "resolved");

    private final LoopOrchestrator orchestrator;
    private final SelftestLists lists;

    public SelftestResource(LoopOrchestrator orchestrator, SelftestLists lists) {
        this.orchestrator = orchestrator;
        this.lists = lists;
    }

    /** {@code run_next_test()}: off when disabled and counted against the hourly budget. */
    @POST
    @Path("/run-next")
    public Uni<NextTestOutcome> runNext() {
        return orchestrator.runNextTest();
    }

    /** An operator's explicit request: all six probes now, outside the hourly budget. */
    @POST
    @Path("/run-all")
    public Uni<RunAllView> runAll() {
        return orchestrator.runAll().map(RunAllView::new);
    }

    @GET
    @Path("/events")
    public Uni<Page<EventView>> events(@RestQuery String capability, @RestQuery String limit,
            @RestQuery String cursor) {
        return lists.events(capability(capability), Limit.parse(limit), Cursor.sequence(cursor));
    }

    @GET
    @Path("/proposals")
    public Uni<Page<ProposalView>> proposals(@RestQuery String capability,
            @RestQuery String status, @RestQuery String limit,
            @RestQuery String cursor) {
        if (status != null && !status.isBlank() && !PROPOSAL_STATUSES.contains(status)) {
            throw new InvalidInput("status", "must be open or resolved");
        }
        return lists.proposals(capability(capability), status == null || status.isBlank() ? null : status,
                Limit.parse(limit), Cursor.sequence(cursor));
    }

    private static Capability capability(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Capability.fromValue(value).orElseThrow(() -> new InvalidInput("capability", "must be one of "
                + Arrays.stream(Capability.values()).map(Capability::value).collect(Collectors.joining(", "))));
    }
}
