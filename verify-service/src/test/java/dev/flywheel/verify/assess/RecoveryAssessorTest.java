package dev.flywheel.verify.assess;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The assessment rules of SPEC §6; the first group ports seed 003's TestAssessRecovery one to one. */
class RecoveryAssessorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static VerificationResult assess(String pre, String post, String action) {
        return RecoveryAssessor.assess(pre == null ? null : json(pre), post == null ? null : json(post), action);
    }

    @Nested
    @DisplayName("seed 003 TestAssessRecovery")
    class SeedTable {

        @Test
        @DisplayName("test_empty_post_state_is_degraded")
        void emptyPostStateIsDegraded() {
            assertThat(assess(null, "{}", "restart_service")).isEqualTo(VerificationResult.DEGRADED);
        }

        @Test
        @DisplayName("test_running_in_post_state_is_success")
        void runningInPostStateIsSuccess() {
            assertThat(assess(null, "{'pod': {'status': 'Running'}}", "restart_service:api"))
                    .isEqualTo(VerificationResult.SUCCESS);
        }

        @Test
        @DisplayName("test_1_of_1_ready_is_success")
        void oneOfOneReadyIsSuccess() {
            assertThat(assess(null, "{'pod': {'containers': '1/1'}}", "scale_up")).isEqualTo(VerificationResult.SUCCESS);
        }

        @Test
        @DisplayName("test_rollout_success_is_success")
        void rolloutSuccessIsSuccess() {
            String post = "{'k8s_watch_rollout': {'deployment': 'awoooi-auto-repair-canary', 'success': true,"
                    + " 'status': 'deployment \\'awoooi-auto-repair-canary\\' successfully rolled out'}}";
            assertThat(assess(null, post, "auto_repair_playbook:PB-CANARY")).isEqualTo(VerificationResult.SUCCESS);
        }

        @Test
        @DisplayName("test_crashloopbackoff_is_failed")
        void crashLoopBackOffIsFailed() {
            assertThat(assess(null, "{'pod': {'status': 'CrashLoopBackOff'}}", "restart_service"))
                    .isEqualTo(VerificationResult.FAILED);
        }

        @Test
        @DisplayName("test_oomkilled_is_failed")
        void oomKilledIsFailed() {
            assertThat(assess(null, "{'pod': {'status': 'OOMKilled'}}", "restart_service"))
                    .isEqualTo(VerificationResult.FAILED);
        }

        @Test
        @DisplayName("test_pod_phase_failed_is_failed")
        void podPhaseFailedIsFailed() {
            assertThat(assess(null, "{'phase': 'Failed'}", "patch_config")).isEqualTo(VerificationResult.FAILED);
        }

        @Test
        @DisplayName("test_error_rate_key_does_not_trigger_failed")
        void errorRateKeyDoesNotTriggerFailed() {
            assertThat(assess(null, "{'error_rate': 0.5, 'status': 'Running'}", "restart"))
                    .isEqualTo(VerificationResult.SUCCESS);
        }

        @Test
        @DisplayName("test_failure_signal_beats_success_signal")
        void failureSignalBeatsSuccessSignal() {
            assertThat(assess(null, "{'status': 'Running', 'reason': 'CrashLoopBackOff'}", "restart"))
                    .isEqualTo(VerificationResult.FAILED);
        }

        @Test
        @DisplayName("test_pre_running_post_running_no_restart_is_degraded")
        void runningBeforeAndAfterWithoutRestartIsDegraded() {
            assertThat(assess("{'status': 'Running'}", "{'status': 'Running'}", "scale_up"))
                    .isEqualTo(VerificationResult.DEGRADED);
        }

        @Test
        @DisplayName("test_pre_running_post_running_restart_is_success")
        void runningBeforeAndAfterARestartIsSuccess() {
            assertThat(assess("{'status': 'Running'}", "{'status': 'Running'}", "restart_service:api"))
                    .isEqualTo(VerificationResult.SUCCESS);
        }

        @Test
        @DisplayName("test_rollout_restart_step_success_when_pre_and_post_running")
        void rolloutRestartStepIsSuccess() {
            assertThat(assess("{'status': 'Running'}", "{'status': 'Running'}",
                    "auto_repair_playbook:PB-TEST kubectl rollout restart deployment/api"))
                    .isEqualTo(VerificationResult.SUCCESS);
        }

        @Test
        @DisplayName("test_diagnosis_only_step_is_not_verified_repair")
        void diagnosisOnlyPlaybookIsNotAVerifiedRepair() {
            assertThat(assess("{'status': 'Running'}", "{'status': 'Running'}",
                    "auto_repair_playbook:PB-TEST mcp:ssh_diagnose docker stats"))
                    .isEqualTo(VerificationResult.DEGRADED);
        }

        @Test
        @DisplayName("test_pre_running_post_running_delete_is_success")
        void runningBeforeAndAfterADeleteIsSuccess() {
            assertThat(assess("{'status': 'Running'}", "{'status': 'Running'}", "kubectl_delete_pod:api"))
                    .isEqualTo(VerificationResult.SUCCESS);
        }

        @Test
        @DisplayName("test_pre_none_post_running_is_success")
        void noPreStateAndRunningAfterIsSuccess() {
            assertThat(assess(null, "{'status': 'Running'}", "restart")).isEqualTo(VerificationResult.SUCCESS);
        }

        @Test
        @DisplayName("test_healthy_signal_is_success")
        void healthySignalIsSuccess() {
            assertThat(assess(null, "{'health': 'healthy'}", "patch")).isEqualTo(VerificationResult.SUCCESS);
        }

        @Test
        @DisplayName("test_pre_post_identical_no_change_is_degraded")
        void identicalPreAndPostWithoutRestartIsDegraded() {
            assertThat(assess("{'status': 'Pending'}", "{'status': 'Pending'}", "patch_config"))
                    .isEqualTo(VerificationResult.DEGRADED);
        }

        @Test
        @DisplayName("test_case_insensitive_matching")
        void matchingIsCaseInsensitive() {
            assertThat(assess(null, "{'STATUS': 'RUNNING'}", "restart")).isEqualTo(VerificationResult.SUCCESS);
        }
    }

    @Nested
    class BeyondTheSeed {

        @Test
        void aMissingPostStateIsDegraded() {
            assertThat(assess(null, null, "restart")).isEqualTo(VerificationResult.DEGRADED);
            assertThat(RecoveryAssessor.assess(null, json("null"), "restart")).isEqualTo(VerificationResult.DEGRADED);
        }

        @Test
        void everyNamedFailureSignalFailsTheVerification() {
            for (String signal : new String[] { "ImagePullBackOff", "ErrImagePull", "Evicted", "OOMKilled" }) {
                assertThat(assess(null, "{'pods': [{'phase': 'Running', 'reasons': ['" + signal + "']}]}", "restart"))
                        .as(signal).isEqualTo(VerificationResult.FAILED);
            }
        }

        @Test
        void failureSignalsAreFoundInsideLongerTextsAndKeys() {
            assertThat(assess(null, "{'message': 'Back-off 5m0s restarting: CrashLoopBackOff'}", "restart"))
                    .isEqualTo(VerificationResult.FAILED);
            assertThat(assess(null, "{'oomkilled': {'count': 1}}", "restart")).isEqualTo(VerificationResult.FAILED);
        }

        @Test
        void failedCountsOnlyAsAWholeValue() {
            assertThat(assess(null, "{'failed_jobs': 0, 'status': 'Running'}", "restart"))
                    .isEqualTo(VerificationResult.SUCCESS);
            assertThat(assess(null, "{'note': 'nothing failed today', 'status': 'Running'}", "restart"))
                    .isEqualTo(VerificationResult.SUCCESS);
            assertThat(assess(null, "{'pods': [{'phase': 'FAILED'}]}", "restart")).isEqualTo(VerificationResult.FAILED);
        }

        @Test
        void shortSuccessWordsNeverMatchAsSubstrings() {
            assertThat(assess(null, "{'health': 'unhealthy'}", "restart")).isEqualTo(VerificationResult.DEGRADED);
            assertThat(assess(null, "{'state': 'NotRunning'}", "restart")).isEqualTo(VerificationResult.DEGRADED);
            assertThat(assess(null, "{'status': 'UPGRADING'}", "restart")).isEqualTo(VerificationResult.DEGRADED);
        }

        @Test
        void aHealthStatusOfUpIsSuccessButOnlyUnderAStatusKey() {
            assertThat(assess(null, "{'http_health': {'status': 'UP'}}", "patch")).isEqualTo(VerificationResult.SUCCESS);
            assertThat(assess(null, "{'http_health': {'status': 'DOWN', 'checks': {'db': 'UP'}}}", "patch"))
                    .isEqualTo(VerificationResult.DEGRADED);
        }

        @Test
        void onlyAFullReadyRatioIsSuccess() {
            assertThat(assess(null, "{'ready': '2/2'}", "patch")).isEqualTo(VerificationResult.SUCCESS);
            assertThat(assess(null, "{'ready': '1/2'}", "patch")).isEqualTo(VerificationResult.DEGRADED);
            assertThat(assess(null, "{'ready': '0/0'}", "patch")).isEqualTo(VerificationResult.DEGRADED);
        }

        @Test
        void aRolloutThatHasNotFinishedIsDegraded() {
            String post = "{'k8s_watch_rollout': {'success': false,"
                    + " 'status': 'Waiting for deployment \\'api\\' rollout to finish: 1 of 3 updated replicas are available...'}}";
            assertThat(assess(null, post, "kubectl rollout restart deployment/api")).isEqualTo(VerificationResult.DEGRADED);
        }

        @Test
        void aStateThatStayedHealthyProvesNothingWithoutARestart() {
            String pre = "{'kubectl_get': {'pods': [{'name': 'api-1', 'phase': 'Running', 'ready': '1/1', 'restarts': 0}]}}";
            String post = "{'kubectl_get': {'pods': [{'name': 'api-2', 'phase': 'Running', 'ready': '1/1', 'restarts': 0}]}}";
            assertThat(assess(pre, post, "scale_up")).isEqualTo(VerificationResult.DEGRADED);
            assertThat(assess(pre, post, "kubectl rollout restart deployment/api")).isEqualTo(VerificationResult.SUCCESS);
        }

        @Test
        void anUnchangedStateCountsAsUnchangedWhateverTheNumberRepresentation() {
            JsonNode pre = json("{'restarts': 3, 'status': 'Pending'}");
            JsonNode post = JSON.createObjectNode().put("restarts", 3L).put("status", "Pending");
            assertThat(RecoveryAssessor.assess(pre, post, "patch_config")).isEqualTo(VerificationResult.DEGRADED);
            assertThat(RecoveryAssessor.assess(pre, post, "restart")).isEqualTo(VerificationResult.SUCCESS);
        }

        @Test
        void anEmptyPreStateIsTreatedAsNoPreState() {
            assertThat(assess("{}", "{'status': 'Running'}", "scale_up")).isEqualTo(VerificationResult.SUCCESS);
        }

        @Test
        void aRecoveryFromFailureIsSuccessForAnyAction() {
            assertThat(assess("{'status': 'CrashLoopBackOff'}", "{'status': 'Running'}", "patch_config"))
                    .isEqualTo(VerificationResult.SUCCESS);
        }
    }

    /** Prometheus readings as {@code prometheus_query} writes them (QueryResult), judged by their values. */
    @Nested
    class PrometheusReadings {

        private static String ratio(String value) {
            return "{'prometheus_query': {'query': 'usage / limit', 'result_type': 'vector', 'samples': "
                    + "[{'metric': {'host': '110', 'container_name': 'api'}, 'value': " + value + "}]}}";
        }

        private static String healthyPod() {
            return "'kubectl_get': {'pods': [{'name': 'api-1', 'phase': 'Running', 'ready': '1/1'}]}";
        }

        @Test
        void aNanOrInfiniteMemoryRatioIsNotHealthyEvenWhenUnchangedAfterARestart() {
            for (String nonFinite : new String[] {"'NaN'", "'+Inf'", "'-Inf'"}) {
                assertThat(assess(ratio(nonFinite), ratio(nonFinite), "restart_container")).as(nonFinite)
                        .isEqualTo(VerificationResult.DEGRADED);
            }
            assertThat(assess(ratio("0.5"), ratio("0.5"), "restart_container")).isEqualTo(VerificationResult.SUCCESS);
        }

        @Test
        void aNanReadingBesideARunningPodKeepsTheVerdictFromSuccess() {
            String post = "{" + healthyPod() + ", " + ratio("'NaN'").substring(1);
            String finite = "{" + healthyPod() + ", " + ratio("0.42").substring(1);
            assertThat(assess(null, post, "restart_container")).isEqualTo(VerificationResult.DEGRADED);
            assertThat(assess(null, finite, "restart_container")).isEqualTo(VerificationResult.SUCCESS);
        }

        @Test
        void theLatestValueOfEachSeriesIsWhatCounts() {
            String recovered = "{'prometheus_query': {'result_type': 'matrix', 'series': [{'metric': {}, 'values': "
                    + "[{'timestamp': 1, 'value': '+Inf'}, {'timestamp': 2, 'value': 0.3}]}]}, " + healthyPod() + "}";
            String broke = "{'prometheus_query': {'result_type': 'matrix', 'series': [{'metric': {}, 'values': "
                    + "[{'timestamp': 1, 'value': 0.3}, {'timestamp': 2, 'value': 'NaN'}]}]}, " + healthyPod() + "}";
            assertThat(assess(null, recovered, "restart")).isEqualTo(VerificationResult.SUCCESS);
            assertThat(assess(null, broke, "restart")).isEqualTo(VerificationResult.DEGRADED);
        }

        @Test
        void aStringResultThatSaysNanIsText() {
            String post = "{'prometheus_query': {'result_type': 'string', 'samples': [{'metric': {}, 'value': 'NaN'}]}, "
                    + healthyPod() + "}";
            assertThat(assess(null, post, "restart")).isEqualTo(VerificationResult.SUCCESS);
        }

        @Test
        void theQueryAndSeriesLabelsAreNamesNotSignals() {
            String notFailed = "{'prometheus_query': {'result_type': 'vector', 'samples': ["
                    + "{'metric': {'pod': 'api-1', 'phase': 'Failed'}, 'value': 0},"
                    + "{'metric': {'pod': 'api-1', 'reason': 'CrashLoopBackOff'}, 'value': 0}]}}";
            String namedHealthy = "{'prometheus_query': {'result_type': 'vector', 'samples': "
                    + "[{'metric': {'container_name': 'healthy'}, 'value': 1}]}}";
            assertThat(assess(null, notFailed, "restart")).isEqualTo(VerificationResult.DEGRADED);
            assertThat(assess(null, namedHealthy, "restart")).isEqualTo(VerificationResult.DEGRADED);
            String askedForAFailure = "{'prometheus_query': {'query': 'up{pod=\\\"oomkilled-demo\\\"}', "
                    + "'result_type': 'vector', 'samples': []}}";
            assertThat(assess(null, askedForAFailure, "restart")).isEqualTo(VerificationResult.DEGRADED);
            // Outside a Prometheus reading the same words still count.
            assertThat(assess(null, "{'kubectl_get': {'phase': 'Failed'}}", "restart")).isEqualTo(VerificationResult.FAILED);
        }
    }
}
