package dev.flywheel.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flywheel.cli.config.ConfigError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptfooConfigTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private EvalSuite load(String yaml) throws IOException {
        return PromptfooConfig.load(write("promptfooconfig.yaml", yaml), EvalOptions.defaults());
    }

    @Test
    void theMatrixIsEveryTestTimesEveryProviderTimesEveryPrompt() throws IOException {
        EvalSuite suite = load("""
                description: capitals
                prompts:
                  - "What is the capital of {{country}}?"
                  - "Name the capital city of {{country}}."
                providers:
                  - echo
                  - id: openai:chat:gpt-4o-mini
                    label: mini
                    config: {temperature: 0.2, max_tokens: 64}
                tests:
                  - vars: {country: France}
                    assert:
                      - type: contains
                        value: France
                  - description: Germany
                    vars: {country: Germany}
                """);

        assertThat(suite.description()).isEqualTo("capitals");
        assertThat(suite.cases()).hasSize(8);
        EvalCase first = suite.cases().get(0);
        assertThat(first.runConfig().get("prompt").asText()).isEqualTo("What is the capital of {{country}}?");
        assertThat(first.runConfig().get("model").asText()).isEqualTo("echo:any");
        assertThat(first.runConfig().get("vars").get("country").asText()).isEqualTo("France");
        assertThat(first.runConfig().get("scorers").get(0).get("type").asText()).isEqualTo("contains");
        EvalCase mini = suite.cases().stream().filter(c -> c.provider().equals("mini")).findFirst().orElseThrow();
        assertThat(mini.runConfig().get("model").asText()).isEqualTo("openai:gpt-4o-mini");
        assertThat(mini.runConfig().get("params").get("temperature").asDouble()).isEqualTo(0.2);
        assertThat(mini.runConfig().get("params").get("max_tokens").asInt()).isEqualTo(64);
        assertThat(suite.cases().get(7).testName()).isEqualTo("Germany");
        assertThat(suite.cases().get(7).assertions()).isEmpty();
        assertThat(suite.cases()).extracting(EvalCase::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void providerIdsMapToFlywheelModels() {
        assertThat(PromptfooConfig.model("p", "echo", null)).isEqualTo("echo:any");
        assertThat(PromptfooConfig.model("p", "openai:gpt-4o-mini", null)).isEqualTo("openai:gpt-4o-mini");
        assertThat(PromptfooConfig.model("p", "openai:chat:gpt-4.1", null)).isEqualTo("openai:gpt-4.1");
        assertThat(PromptfooConfig.model("p", "anthropic:messages:claude-3-5-haiku", null))
                .isEqualTo("anthropic:claude-3-5-haiku");
    }

    @Test
    void anUnsupportedProviderIsRefusedWithItsLine() throws IOException {
        assertThatThrownBy(() -> load("""
                prompts: ["hi"]
                providers:
                  - echo
                  - vertex:gemini-pro
                tests:
                  - vars: {}
                """)).isInstanceOf(ConfigError.class)
                .satisfies(e -> {
                    ConfigError error = (ConfigError) e;
                    assertThat(error.line()).isEqualTo(4);
                    assertThat(error.field()).isEqualTo("providers[1]");
                    assertThat(error.getMessage()).contains("promptfooconfig.yaml:4").contains("vertex:gemini-pro");
                });
    }

    @Test
    void serverSideProviderSettingsAreDroppedWithOneWarning() throws IOException {
        EvalSuite suite = load("""
                prompts: ["hi"]
                providers:
                  - id: openai:gpt-4o-mini
                    config: {apiBaseUrl: "http://elsewhere", apiKey: sk-secret, temperature: 0}
                  - id: openai:gpt-4o
                    config: {apiKey: sk-other}
                """);
        assertThat(suite.warnings()).hasSize(1).first().asString().contains("apiBaseUrl").contains("apiKey");
        assertThat(suite.cases().get(0).runConfig().get("params").has("apiKey")).isFalse();
        assertThat(suite.cases().get(0).runConfig().get("params").has("apiBaseUrl")).isFalse();
        assertThat(suite.cases().get(0).runConfig().toString()).doesNotContain("sk-secret");
    }

    @Test
    void defaultTestVarsAndAssertionsApplyToEveryTestAndTestVarsWin() throws IOException {
        EvalSuite suite = load("""
                prompts: ["{{greeting}} {{name}}"]
                providers: [echo]
                defaultTest:
                  vars: {greeting: Hello, name: nobody}
                  assert:
                    - type: icontains
                      value: hello
                tests:
                  - vars: {name: Ada}
                    assert:
                      - type: contains
                        value: Ada
                """);
        EvalCase only = suite.cases().get(0);
        assertThat(only.vars().get("greeting").asText()).isEqualTo("Hello");
        assertThat(only.vars().get("name").asText()).isEqualTo("Ada");
        assertThat(only.assertions()).extracting(Assertion::type).containsExactly("icontains", "contains");
        assertThat(only.scorerNames()).containsExactly("assert-1-icontains", "assert-2-contains");
    }

    @Test
    void csvAndYamlTestFilesAreReadRelativeToTheConfig() throws IOException {
        write("tests.csv", """
                question,__expected,__description
                "What is 2+2?",contains: 4,sum
                "Say ""hi""\",hi,
                Is it JSON?,is-json,
                """);
        write("more.yaml", """
                - vars: {question: extra}
                  assert:
                    - type: starts-with
                      value: extra
                """);
        EvalSuite suite = load("""
                prompts: ["{{question}}"]
                providers: [echo]
                tests:
                  - file://tests.csv
                  - file://more.yaml
                """);
        assertThat(suite.cases()).hasSize(4);
        assertThat(suite.cases().get(0).testName()).isEqualTo("sum");
        assertThat(suite.cases().get(0).assertions().get(0).type()).isEqualTo("contains");
        assertThat(suite.cases().get(0).assertions().get(0).value().asText()).isEqualTo("4");
        assertThat(suite.cases().get(1).vars().get("question").asText()).isEqualTo("Say \"hi\"");
        assertThat(suite.cases().get(1).assertions().get(0).type()).isEqualTo("equals");
        assertThat(suite.cases().get(2).assertions().get(0).type()).isEqualTo("is-json");
        assertThat(suite.cases().get(3).runConfig().get("scorers").get(0).get("pattern").asText()).isEqualTo("^extra");
    }

    @Test
    void testsMayBeOneCsvFile() throws IOException {
        write("cases.csv", "q\none\ntwo\n");
        EvalSuite suite = load("""
                prompts: ["{{q}}"]
                providers: [echo]
                tests: file://cases.csv
                """);
        assertThat(suite.cases()).extracting(c -> c.vars().get("q").asText()).containsExactly("one", "two");
    }

    @Test
    void aPromptFileIsSplitAtSeparatorLines() throws IOException {
        write("prompts.txt", "First {{x}}\n---\nSecond {{x}}\n");
        EvalSuite suite = load("""
                prompts: [file://prompts.txt]
                providers: [echo]
                tests: [{vars: {x: 1}}]
                """);
        assertThat(suite.cases()).extracting(c -> c.runConfig().get("prompt").asText())
                .containsExactly("First {{x}}", "Second {{x}}");
    }

    @Test
    void aListVarExpandsIntoOneTestPerValue() throws IOException {
        EvalSuite suite = load("""
                prompts: ["{{lang}}"]
                providers: [echo]
                tests:
                  - vars: {lang: [French, German, Spanish]}
                """);
        assertThat(suite.cases()).extracting(c -> c.vars().get("lang").asText()).containsExactly("French", "German", "Spanish");
    }

    @Test
    void anUnmappedAssertionIsRefusedNamingFileLineAndField() throws IOException {
        assertThatThrownBy(() -> load("""
                prompts: ["hi"]
                providers: [echo]
                tests:
                  - vars: {a: 1}
                    assert:
                      - type: contains
                        value: hi
                      - type: similar
                        value: hello
                """)).isInstanceOf(ConfigError.class)
                .satisfies(e -> {
                    ConfigError error = (ConfigError) e;
                    assertThat(error.line()).isEqualTo(8);
                    assertThat(error.field()).isEqualTo("tests[0].assert[1].type");
                    assertThat(error.getMessage()).contains("'similar'").contains("promptfooconfig.yaml:8");
                });
    }

    @Test
    void codeAssertionsAreRefusedWithTheirOwnMessage() throws IOException {
        assertThatThrownBy(() -> load("""
                prompts: ["hi"]
                providers: [echo]
                tests:
                  - assert:
                      - type: javascript
                        value: output.length > 3
                """)).isInstanceOf(ConfigError.class).hasMessageContaining("'javascript' runs code")
                .hasMessageContaining("tests[0].assert[0].type");
        write("bad.csv", "q,__expected\nx,fn:output.length > 1\n");
        assertThatThrownBy(() -> load("""
                prompts: ["hi"]
                providers: [echo]
                tests: file://bad.csv
                """)).isInstanceOf(ConfigError.class).hasMessageContaining("bad.csv:2").hasMessageContaining("__expected");
    }

    @Test
    void agentModeRunsTheTestsAgainstTheAgentWithTheInputVarAsInputData() throws IOException {
        Path file = write("agent.yaml", """
                tests:
                  - vars: {input: "reset my password", tone: calm}
                    assert: [{type: icontains, value: password}]
                """);
        EvalSuite suite = PromptfooConfig.load(file, new EvalOptions(true, 2, "support-bot"));
        assertThat(suite.cases()).hasSize(2);
        EvalCase second = suite.cases().get(1);
        assertThat(second.runConfig().get("agent_slug").asText()).isEqualTo("support-bot");
        assertThat(second.runConfig().get("input_data").asText()).isEqualTo("reset my password");
        assertThat(second.runConfig().get("vars").get("tone").asText()).isEqualTo("calm");
        assertThat(second.runConfig().has("prompt")).isFalse();
        assertThat(second.runConfig().has("model")).isFalse();
        assertThat(second.runConfig().get("cache").asBoolean()).isFalse();
        assertThat(second.runConfig().get("repeat").asInt()).isEqualTo(1);
        assertThat(suite.cases().get(0).runConfig().has("repeat")).isFalse();
    }

    @Test
    void aNativeBatchFileIsSubmittedAsWrittenWithCliThresholdsRemoved() throws IOException {
        Path file = write("batch.yaml", """
                description: native
                runs:
                  - prompt: "Summarise {{ input }}"
                    model: echo:any
                    input_data: text
                    scorers:
                      - {type: contains, values: [Summarise], threshold: 0.5}
                """);
        EvalSuite suite = PromptfooConfig.load(file, EvalOptions.defaults());
        assertThat(suite.description()).isEqualTo("native");
        EvalCase only = suite.cases().get(0);
        assertThat(only.runConfig().get("scorers").get(0).has("threshold")).isFalse();
        assertThat(only.runConfig().get("scorers").get(0).get("name").asText()).isEqualTo("scorer-1-contains");
        assertThat(AssertionMapping.threshold(only.assertions().get(0))).isEqualTo(0.5);
    }

    @Test
    void yamlSyntaxErrorsNameTheLine() throws IOException {
        assertThatThrownBy(() -> load("prompts: [\"a\"\nproviders: [echo\n")).isInstanceOf(ConfigError.class)
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> load("prompts: [a]\n")).isInstanceOf(ConfigError.class)
                .hasMessageContaining("providers");
        assertThatThrownBy(() -> PromptfooConfig.load(dir.resolve("missing.yaml"), EvalOptions.defaults()))
                .isInstanceOf(ConfigError.class).hasMessageContaining("no such file");
    }

    @Test
    void chatFormatPromptFilesAreRefused() throws IOException {
        write("chat.json", "[{\"role\": \"user\", \"content\": \"hi\"}]");
        assertThatThrownBy(() -> load("""
                prompts: [file://chat.json]
                providers: [echo]
                """)).isInstanceOf(ConfigError.class).hasMessageContaining("prompts[0]");
    }

    @Test
    void everyMappedTypeIsListed() {
        assertThat(AssertionMapping.mappedTypes()).containsAll(List.of("equals", "contains", "icontains", "contains-any",
                "contains-all", "not-contains", "regex", "is-json", "starts-with", "llm-rubric"));
    }
}
