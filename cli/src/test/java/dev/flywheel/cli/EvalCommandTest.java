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
