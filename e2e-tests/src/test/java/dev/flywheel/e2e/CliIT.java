package dev.flywheel.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The packaged {@code flywheel} command against the running suite's gateway: the example promptfoo config
 * (two prompts, echo and an OpenAI-compatible server, CSV tests, mixed assertions) with its JUnit XML and exit
 * codes, a bad config that submits nothing, and Ctrl-C cancelling what an eval submitted.
 */
@ExtendWith(Suite.class)
class CliIT {

    private static final Path ROOT = Path.of(System.getProperty("flywheel.root", "..")).toAbsolutePath().normalize();
    private static final Path CLI = ROOT.resolve("cli/target/flywheel");
    private static final Path EXAMPLE = ROOT.resolve("cli/examples/promptfoo/promptfooconfig.yaml");
    private static final Pattern SUBMITTED = Pattern.compile("experiment ([0-9a-f-]{36}): (\\d+) runs submitted");

    @TempDir
    Path dir;

    private record Result(int exit, String out, String err) {
    }

    private ProcessBuilder cli(String... args) {
        List<String> command = new ArrayList<>(List.of(CLI.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("FLYWHEEL_URL", Suite.get().gatewayUrl());
        builder.environment().put("FLYWHEEL_API_KEY", Suite.API_KEY);
        return builder;
    }

    private Result run(String... args) throws IOException, InterruptedException {
        File out = dir.resolve("stdout-" + UUID.randomUUID()).toFile();
        File err = dir.resolve("stderr-" + UUID.randomUUID()).toFile();
        Process process = cli(args).redirectOutput(out).redirectError(err).start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("the CLI finished in time").isTrue();
        return new Result(process.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
    }

    @Test
    void theExampleConfigRunsOnEchoAndOpenAiWithTheExpectedVerdictsAndJunitXml() throws Exception {
        Path xml = dir.resolve("results.xml");
        Path json = dir.resolve("results.json");

        Result result = run("eval", "-c", EXAMPLE.toString(), "-o", xml.toString(), "-o", json.toString(), "--no-cache");

        assertThat(result.exit()).as(result.err() + result.out()).isEqualTo(1);
        assertThat(result.out()).contains("20 cases: 13 passed, 7 failed, 0 errors");
        Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile()).getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("tests")).isEqualTo("20");
        assertThat(root.getAttribute("failures")).isEqualTo("7");
        assertThat(root.getAttribute("errors")).isEqualTo("0");
        NodeList suites = root.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(4);
        Map<String, String> verdicts = new TreeMap<>();
        NodeList cases = root.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element testcase = (Element) cases.item(i);
            assertThat(testcase.getParentNode().getNodeName()).isEqualTo("testsuite");
            String verdict = testcase.getElementsByTagName("failure").getLength() > 0 ? "fail" : "pass";
            verdicts.merge(testcase.getAttribute("name"), verdict, (a, b) -> a + "," + b);
        }
        assertThat(verdicts).containsOnlyKeys("France is named", "the answer starts with What", "mentions the capital",
                "no Paris", "exactly Kenya");
        assertThat(verdicts.get("France is named")).isEqualTo("pass,pass,pass,pass");
        assertThat(verdicts.get("exactly Kenya")).isEqualTo("fail,fail,fail,fail");
        assertThat(verdicts.get("the answer starts with What").split(",")).containsExactlyInAnyOrder("pass", "fail",
                "fail", "fail");
        String openAiOutput = Files.readString(json);
        assertThat(openAiOutput).contains("answer to What is the capital of France?");

        Result gated = run("eval", "-c", EXAMPLE.toString(), "--threshold", "0.6");
        assertThat(gated.exit()).as(gated.err()).isEqualTo(0);
        assertThat(gated.out()).contains("20 cases: 13 passed");
    }

    @Test
    void aBadConfigExitsTwoAndSubmitsNothing() throws Exception {
        String description = "bad config " + UUID.randomUUID();
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, """
                description: %s
                prompts: ["Hello {{name}}"]
                providers: [echo]
                tests:
                  - vars: {name: Ada}
                    assert:
                      - type: contains
                        value: Ada
                      - type: javascript
                        value: output.length > 3
                """.formatted(description), StandardCharsets.UTF_8);

        Result result = run("eval", "-c", config.toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("bad.yaml:9").contains("tests[0].assert[1].type").contains("javascript");
        JsonPath experiments = given().header("Authorization", "Bearer " + Suite.API_KEY)
                .get(Suite.get().gatewayUrl() + "/api/experiments?limit=500").then().statusCode(200).extract().jsonPath();
        assertThat(experiments.getList("items.name", String.class)).doesNotContain(description);
    }

    @Test
    void anUnreachableGatewayExitsThree() throws Exception {
        Result result = run("status", "--url", "http://127.0.0.1:9");
        assertThat(result.exit()).isEqualTo(3);
        assertThat(run("status").exit()).isEqualTo(0);
    }

    @Test
    void ctrlCCancelsTheRunsTheEvalSubmitted() throws Exception {
        Path config = dir.resolve("slow.yaml");
        Files.writeString(config, """
                description: slow
                prompts: ["[slow] {{n}}"]
                providers: [openai:gpt-4o-mini]
                tests:
                  - vars: {n: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]}
                """);
        File err = dir.resolve("slow.err").toFile();
        Process process = cli("eval", "-c", config.toString(), "--no-cache").redirectError(err)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String[] experiment = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Matcher matcher = SUBMITTED.matcher(Files.readString(err.toPath()));
            if (matcher.find()) {
                experiment[0] = matcher.group(1);
                return true;
            }
            return false;
        });

        new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start().waitFor();

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(130);
        assertThat(Files.readString(err.toPath())).contains("interrupted: cancelled");
        JsonPath runs = given().header("Authorization", "Bearer " + Suite.API_KEY)
                .get(Suite.get().gatewayUrl() + "/api/runs?experiment_id=" + experiment[0] + "&limit=500").then()
                .statusCode(200).extract().jsonPath();
        assertThat(runs.getList("items.status", String.class)).hasSize(12).containsOnly("cancelled");
    }
}
