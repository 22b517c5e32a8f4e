package dev.flywheel.verify.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.common.problem.InvalidInput;
import dev.flywheel.common.problem.ResourceNotFound;
import dev.flywheel.common.problem.UpstreamUnavailable;
import dev.flywheel.verify.VerifyConfig;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Runs one tool call end to end (SPEC §6): binds and validates its parameters, bounds its duration,
 * turns any failure of the backend into a failed result (never an exception), redacts and caps the
 * output, and records the call with its {@code _mcp_audit} context in {@code tool_audit}.
 */
@ApplicationScoped
public class ToolExecutor {

    private static final Logger LOG = Logger.getLogger(ToolExecutor.class);

    private final ToolRegistry registry;
    private final ToolParameters binder;
    private final OutputCap cap;
    private final ToolAuditLog audit;
    private final Duration callTimeout;

    public ToolExecutor(ToolRegistry registry, ToolParameters binder, OutputCap cap, ToolAuditLog audit,
            VerifyConfig config) {
        this.registry = registry;
        this.binder = binder;
        this.cap = cap;
        this.audit = audit;
        this.callTimeout = config.tools().callTimeout();
    }

    /**
     * Executes {@code name} with {@code parameters}; a {@code _mcp_audit} object among them is the
     * call's audit context, otherwise {@code fallback} is. Unknown tool → 404, bad parameters → 400,
     * unconfigured backend → 503; everything past validation answers a {@link ToolResult}.
     */
    public Uni<ToolResult> execute(String name, ObjectNode parameters, AuditContext fallback) {
        Tool<?> tool = registry.find(name).orElseThrow(() -> new ResourceNotFound("tool", name));
        ObjectNode toolParameters = parameters.deepCopy();
        JsonNode auditNode = toolParameters.remove(AuditContext.PARAMETER);
        AuditContext context = auditNode == null ? fallback
                : binder.bind(requireObject(auditNode), AuditContext.class);
        return run(tool, toolParameters, context);
    }

    private <P> Uni<ToolResult> run(Tool<P> tool, ObjectNode parameters, AuditContext context) {
        if (!tool.configured()) {
            throw new UpstreamUnavailable(tool.backend(), tool.name() + " is not configured", null);
        }
        P bound = binder.bind(parameters, tool.parametersType());
        long started = System.nanoTime();
        return Uni.createFrom().deferred(() -> tool.run(bound))
                .ifNoItem().after(callTimeout).fail()
                .map(output -> ToolResult.succeeded(tool.name(), cap.apply(SecretRedactor.redact(output)), elapsed(started)))
                .onFailure().recoverWithItem(failure -> ToolResult.failed(tool.name(), describe(failure), elapsed(started)))
                .call(result -> audit.record(context, SecretRedactor.redact(parameters), result));
    }

    private String describe(Throwable failure) {
        if (failure instanceof TimeoutException) {
            return "no answer within " + callTimeout.toMillis() + " ms";
        }
        LOG.debugf(failure, "tool call failed");
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return SecretRedactor.redact(message.length() > 1000 ? message.substring(0, 1000) : message);
    }

    private static ObjectNode requireObject(JsonNode node) {
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw new InvalidInput(AuditContext.PARAMETER, "must be an object");
    }

    private static long elapsed(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }
}
