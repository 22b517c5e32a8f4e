package dev.flywheel.verify.collect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.verify.incident.Incident;
import dev.flywheel.verify.tool.AuditContext;
import dev.flywheel.verify.tool.ToolCall;
import dev.flywheel.verify.tool.ToolExecutor;
import dev.flywheel.verify.tool.ToolRegistry;
import dev.flywheel.verify.tool.ToolResult;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an incident's current state with the tools its alert and labels suggest, all at once. Every
 * call carries the {@code _mcp_audit} context of the phase ({@code pre_execution}, {@code post_execution})
 * among its parameters, so it is audited under the incident. Tools that fail are left out of the
 * state; when all of them fail the collection fails (nothing was observed).
 */
@ApplicationScoped
public class StateCollector {

    public static final String PRE_EXECUTION = "pre_execution";
    public static final String POST_EXECUTION = "post_execution";

    private final ToolRegistry registry;
    private final ToolExecutor executor;
    private final ObjectMapper mapper;

    public StateCollector(ToolRegistry registry, ToolExecutor executor, ObjectMapper mapper) {
        this.registry = registry;
        this.executor = executor;
        this.mapper = mapper;
    }

    /** The tools an incident calls for: known before collection starts, so even a timed-out one is on record. */
    public List<ToolCall> plan(Incident incident) {
        return registry.suggest(incident);
    }

    public Uni<CollectedState> collect(String incidentId, List<ToolCall> calls, String phase) {
        List<String> toolsUsed = calls.stream().map(ToolCall::tool).toList();
        if (calls.isEmpty()) {
            return Uni.createFrom().item(new CollectedState(mapper.createObjectNode(), toolsUsed));
        }
        AuditContext context = AuditContext.forIncident(incidentId, phase);
        List<Uni<ToolResult>> results = calls.stream().map(call -> call(call, context)).toList();
        return Uni.join().all(results).andFailFast().map(done -> {
            ObjectNode state = mapper.createObjectNode();
            List<String> errors = new ArrayList<>();
            for (ToolResult result : done) {
                if (result.success()) {
                    state.set(result.tool(), result.output());
                } else {
                    errors.add(result.tool() + ": " + result.error());
                }
            }
            if (state.isEmpty()) {
                throw new CollectionFailed(errors);
            }
            return new CollectedState(state, toolsUsed);
        });
    }

    private Uni<ToolResult> call(ToolCall call, AuditContext context) {
        ObjectNode parameters = call.parameters().deepCopy();
        parameters.set(AuditContext.PARAMETER, mapper.valueToTree(context));
        // A suggestion the tool rejects (say, a label that is no valid pod name) is that tool failing, not the collection.
        return Uni.createFrom().deferred(() -> executor.execute(call.tool(), parameters, context))
                .onFailure().recoverWithItem(failure -> ToolResult.failed(call.tool(), failure.getMessage(), 0));
    }
}
