package dev.flywheel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import picocli.CommandLine;

/** The eval command from the command line to the exit code, against {@link FakeGateway}. */
class EvalCommandTest {

    private static final String CONFIG = """
            description: greetings
            prompts:
              - "Hello {{name}}"
              - "Goodbye {{name}}"
            providers: [echo]
            tests:
              - vars: {name: Ada}
                assert:
                  - type: contains
                    value: Ada
              - vars: {name: Bob}
                assert:
                  - type: icontains
                    value: hello
            """;

    @TempDir
    Path dir;

    private FakeGateway gateway;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws IOException {
        gateway = new FakeGateway();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private int run(String... args) {
        CommandLine line = Main.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    private Path config(String text) throws IOException {
        Path file = dir.resolve("promptfooconfig.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void anEvalWithAFailingCaseExitsOneAndPrintsTheTableAndSummary() throws IOException {
        int code = run("eval", "-c", config(CONFIG).toString(), "--url", gateway.url(), "--api-key", "k1", "--poll-interval", "10");

        assertThat(code).as(err.toString()).isEqualTo(1);
        assertThat(out.toString()).contains("4 cases: 3 passed, 1 failed, 0 errors (pass rate 75.0%")
                .contains("Hello {{name}}").contains("FAIL");
        assertThat(gateway.lastAuthorization).isEqualTo("Bearer k1");
        assertThat(gateway.calls).containsSubsequence("POST /api/experiments");
        assertThat(gateway.calls.stream().filter(c -> c.endsWith("runs:bulk"))).hasSize(1);
    }

    @Test
    void progressFollowsTheExperimentsEventStreamInsteadOfPollingTheRunList() throws IOException {
        int code = run("eval", "-c", config(CONFIG).toString(), "--url", gateway.url());

        assertThat(code).as(err.toString()).isEqualTo(1);
        assertThat(out.toString()).contains("4 cases: 3 passed, 1 failed, 0 errors (pass rate 75.0%");
        assertThat(err.toString()).contains("progress: 0/4 runs ended").contains("progress: 4/4 runs ended")
                .doesNotContain("warning");
        assertThat(gateway.calls).anyMatch(call -> call.matches("GET /api/experiments/[0-9a-f-]{36}/events"))
                .doesNotContain("GET /api/runs");
        assertThat(gateway.lastEventIds).containsExactly("-");
    }

    @Test
    void aStreamCutMidwayIsResumedFromTheLastWholeEventAndCountsNoRunTwice() throws IOException {
        gateway.stream = FakeGateway.Stream.DROPPED_ONCE;
        int code = run("eval", "-c", config(CONFIG).toString(), "--url", gateway.url());

        assertThat(code).as(err.toString()).isEqualTo(1);
        // The cut third event had its id line only: the resumption starts after the second run's end.
        assertThat(gateway.lastEventIds).containsExactly("-", "1700000000000002");
        assertThat(err.toString()).contains("progress: 2/4 runs ended").contains("progress: 4/4 runs ended")
                .doesNotContain("5/4").doesNotContain("warning");
        assertThat(gateway.calls).doesNotContain("GET /api/runs");
        assertThat(out.toString()).contains("4 cases: 3 passed, 1 failed, 0 errors (pass rate 75.0%");
    }

    @Test
    void aServerWithoutTheStreamIsPolledAfterAWarning() throws IOException {
        gateway.stream = FakeGateway.Stream.ABSENT;
        int code = run("eval", "-c", config(CONFIG).toString(), "--url", gateway.url(), "--poll-interval", "10");

        assertThat(code).as(err.toString()).isEqualTo(1);
        assertThat(err.toString()).containsPattern("warning: GET /api/experiments/[0-9a-f-]{36}/events\\?until=idle answered 404")
                .contains("following progress by polling the run list every 10 ms instead")
                .contains("progress: 4/4 runs ended");
        assertThat(gateway.calls).contains("GET /api/runs");
        assertThat(out.toString()).contains("4 cases: 3 passed, 1 failed, 0 errors (pass rate 75.0%");
    }

    @Test
    void anAnswerThatIsNotAnEventStreamIsPolledAfterAWarning() throws IOException {
        gateway.stream = FakeGateway.Stream.NOT_SSE;
        int code = run("eval", "-c", config(CONFIG).toString(), "--url", gateway.url(), "--poll-interval", "10");

        assertThat(code).as(err.toString()).isEqualTo(1);
        assertThat(err.toString()).contains("answered 200 (application/json), not an event stream")
                .contains("following progress by polling the run list");
        assertThat(gateway.calls).contains("GET /api/runs");
    }

    @Test
    void aStreamThatKeepsFailingIsGivenUpForPollingAfterAFewAttempts() throws IOException {
        gateway.stream = FakeGateway.Stream.FAILING;
        int code = run("eval", "-c", config(CONFIG).toString(), "--url", gateway.url(), "--poll-interval", "10");

        assertThat(code).as(err.toString()).isEqualTo(1);
        assertThat(gateway.lastEventIds).hasSize(5);
        assertThat(err.toString()).contains("the event stream of the experiment failed 5 times in a row")
                .contains("503").contains("following progress by polling the run list");
        assertThat(out.toString()).contains("4 cases: 3 passed, 1 failed, 0 errors (pass rate 75.0%");
    }

    @Test
    @Timeout(20)
    void aStreamThatEndsWithFewerRunsThanSubmittedIsGivenUpForPolling() throws IOException {
        gateway.stream = FakeGateway.Stream.UNDERCOUNTED;
        int code = run("eval", "-c", config(CONFIG).toString(), "--url", gateway.url(), "--poll-interval", "10");

        assertThat(code).as(err.toString()).isEqualTo(1);
        assertThat(err.toString()).contains("the event stream ended with 3 runs in the experiment, none pending or running,"
                + " fewer than the eval submitted").contains("following progress by polling the run list");
        assertThat(out.toString()).contains("4 cases: 3 passed, 1 failed, 0 errors (pass rate 75.0%");
    }

    @Test
    void theStreamAndPollingGiveTheSameResults() throws IOException {
        Path streamed = dir.resolve("streamed.json");
        Path polled = dir.resolve("polled.json");
        run("eval", "-c", config(CONFIG).toString(), "--url", gateway.url(), "-o", streamed.toString());
        assertThat(gateway.calls).doesNotContain("GET /api/runs");
        gateway.stream = FakeGateway.Stream.ABSENT;
        run("eval", "-c", config(CONFIG).toString(), "--url", gateway.url(), "-o", polled.toString(), "--poll-interval", "10");
        assertThat(gateway.calls).contains("GET /api/runs");

        assertThat(comparable(streamed)).isEqualTo(comparable(polled)).hasSize(4);
    }

    // A case's verdict, output and scores; not its run id or timings, which differ from eval to eval.
    private static java.util.List<String> comparable(Path report) throws IOException {
        java.util.List<String> cases = new java.util.ArrayList<>();
        for (JsonNode result : new ObjectMapper().readTree(report.toFile()).get("results")) {
            cases.add(result.path("prompt").asText() + " | " + result.path("vars") + " | " + result.path("pass") + " | "
                    + result.path("output").asText() + " | " + result.path("assertions"));
        }
        return cases;
    }

    @Test
    void aThresholdBelowThePassRateExitsZero() throws IOException {
        assertThat(run("eval", "-c", config(CONFIG).toString(), "--url", gateway.url(), "--threshold", "0.75",
                "--poll-interval", "10")).isEqualTo(0);
        assertThat(run("eval", "-c", config(CONFIG).toString(), "--url", gateway.url(), "--threshold", "0.8",
                "--poll-interval", "10")).isEqualTo(1);
    }

    @Test
    void batchesAreAtMostTheBatchSize() throws IOException {
        assertThat(run("eval", "-c", config(CONFIG).toString(), "--url", gateway.url(), "--batch-size", "3",
                "--poll-interval", "10")).isEqualTo(1);
        assertThat(gateway.calls.stream().filter(c -> c.endsWith("runs:bulk"))).hasSize(2);
        assertThat(gateway.runs).hasSize(4);
    }

    @Test
    void outputsAreWrittenAsJsonAndJunitXml() throws Exception {
        Path json = dir.resolve("out/results.json");
        Path xml = dir.resolve("out/results.xml");
        run("eval", "-c", config(CONFIG).toString(), "--url", gateway.url(), "-o", json.toString(), "-o", xml.toString(),
                "--poll-interval", "10");

        JsonNode results = new ObjectMapper().readTree(json.toFile());
        assertThat(results.at("/summary/cases").asInt()).isEqualTo(4);
        assertThat(results.at("/summary/failed").asInt()).isEqualTo(1);
        assertThat(results.at("/results/0/output").asText()).isEqualTo("Hello Ada");
        assertThat(results.at("/results/0/assertions/0/pass").asBoolean()).isTrue();
        Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile()).getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getElementsByTagName("testcase").getLength()).isEqualTo(4);
        assertThat(root.getElementsByTagName("failure").getLength()).isEqualTo(1);
    }

    @Test
    void jsonOnStdoutReplacesTheTable() throws IOException {
        run("eval", "-c", config(CONFIG).toString(), "--url", gateway.url(), "--json", "--poll-interval", "10");
        JsonNode printed = new ObjectMapper().readTree(out.toString());
        assertThat(printed.at("/summary/exit_code").asInt()).isEqualTo(1);
        assertThat(printed.get("results")).hasSize(4);
    }

    @Test
    void aBadConfigExitsTwoAndSubmitsNothing() throws IOException {
        Path bad = config(CONFIG.replace("type: icontains", "type: javascript"));
        assertThat(run("eval", "-c", bad.toString(), "--url", gateway.url())).isEqualTo(2);
        assertThat(err.toString()).contains("promptfooconfig.yaml:13").contains("tests[1].assert[0].type")
                .contains("javascript");
        assertThat(gateway.calls).isEmpty();
    }

    @Test
    void badOptionsExitTwoBeforeAnyCall() throws IOException {
        Path file = config(CONFIG);
        assertThat(run("eval", "-c", file.toString(), "--url", gateway.url(), "-o", "results.html")).isEqualTo(2);
        assertThat(run("eval", "-c", file.toString(), "--url", gateway.url(), "--threshold", "1.5")).isEqualTo(2);
        assertThat(run("eval", "--url", gateway.url())).isEqualTo(2);
        assertThat(run("eval", "-c", file.toString(), "--repeat", "many")).isEqualTo(2);
        assertThat(gateway.calls).isEmpty();
    }

    @Test
    void anUnreachableServerExitsThree() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertThat(run("eval", "-c", config(CONFIG).toString(), "--url", "http://127.0.0.1:" + port)).isEqualTo(3);
        assertThat(err.toString()).contains("cannot reach Flywheel at http://127.0.0.1:" + port);
    }

    @Test
    void statusAnswersFromTheGateway() {
        assertThat(run("status", "--url", gateway.url())).isEqualTo(0);
        assertThat(out.toString()).contains("run-service").contains("suite: UP");
        assertThat(run("runs", "show", "not-a-uuid", "--url", gateway.url())).isEqualTo(2);
        assertThat(run("runs", "show", "00000000-0000-0000-0000-000000000000", "--url", gateway.url())).isEqualTo(3);
    }

    @Test
    void versionAndHelpAnswerWithoutAServer() {
        assertThat(run("--version")).isEqualTo(0);
        assertThat(out.toString()).startsWith("flywheel ");
        assertThat(run("eval", "--help")).isEqualTo(0);
        assertThat(out.toString()).contains("--threshold").contains("--no-cache").contains("--agent");
    }
}
