package dev.flywheel.verify.tool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditContextTest {

    @Test
    void theVerifiersContextNamesTheIncidentPhaseNodeAndRole() {
        AuditContext context = AuditContext.forIncident("INC-TEST", "post_execution");

        assertThat(context.incidentId()).isEqualTo("INC-TEST");
        assertThat(context.sessionId()).isEqualTo("incident:INC-TEST:post_execution");
        assertThat(context.flywheelNode()).isEqualTo("verify");
        assertThat(context.agentRole()).isEqualTo("post_execution_verifier");
        assertThat(context.traceId()).isEqualTo("INC-TEST");
    }

    @Test
    void withoutAnIncidentTheTraceIsTheSession() {
        assertThat(AuditContext.forRequest("r-1").traceId()).isEqualTo("request:r-1");
        assertThat(new AuditContext(" ", null, null, null).traceId()).isEqualTo("unknown");
    }
}
