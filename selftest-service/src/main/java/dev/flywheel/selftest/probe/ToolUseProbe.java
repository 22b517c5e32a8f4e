package dev.flywheel.selftest.probe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.common.peer.PeerCall;
import dev.flywheel.selftest.LoopQaConfig;
import dev.flywheel.selftest.capability.Capability;
import dev.flywheel.selftest.peer.PeersConfig;
import dev.flywheel.selftest.peer.ToolExecution;
import dev.flywheel.selftest.peer.VerifyToolsClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** tool_use: a read-only tool executed through verify-service must produce output (SPEC §7). */
@ApplicationScoped
public class ToolUseProbe implements CapabilityProbe {

    static final String PEER = "verify-service";
    private static final int MAX_OUTPUT_IN_DETAILS = 200;

    private final VerifyToolsClient tools;
    private final PeerCall verifyService;
    private final LoopQaConfig.ToolUse settings;

    public ToolUseProbe(@RestClient VerifyToolsClient tools, PeersConfig peers, LoopQaConfig config) {
        this.tools = tools;
        this.verifyService = PeerCall.to(PEER, peers.verifyService());
        this.settings = config.toolUse();
    }

    @Override
    public Capability capability() {
        return Capability.TOOL_USE;
    }

    @Override
    public Uni<ProbeResult> run() {
        return ProbeGuard.guard(capability(), () -> verifyService
                .<ToolExecution>call(() -> tools.execute(settings.tool(), Map.of("url", settings.healthUrl())))
                .map(this::judge));
    }

    private ProbeResult judge(ToolExecution execution) {
        String what = settings.tool() + " on " + settings.healthUrl();
        if (execution == null) {
            return ProbeResult.failed(capability(), PEER + " answered no tool execution for " + what, "EmptyOutput");
        }
        if (!Boolean.TRUE.equals(execution.success())) {
            return ProbeResult.failed(capability(), what + " failed: " + execution.error(), "ToolFailed");
        }
        if (isEmpty(execution.output())) {
            return ProbeResult.failed(capability(), what + " returned empty output", "EmptyOutput");
        }
        return ProbeResult.passed(capability(), what + " returned " + abbreviate(execution.output().toString()));
    }

    private static boolean isEmpty(JsonNode output) {
        if (output == null || output.isNull() || output.isMissingNode()) {
            return true;
        }
        return output.isContainerNode() ? output.isEmpty() : output.asText().isBlank();
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_OUTPUT_IN_DETAILS ? text : text.substring(0, MAX_OUTPUT_IN_DETAILS) + "…";
    }
}
