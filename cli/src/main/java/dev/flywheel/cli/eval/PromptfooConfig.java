package dev.flywheel.cli.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.cli.config.ConfigError;
import dev.flywheel.cli.config.CsvTable;
import dev.flywheel.cli.config.LocatedYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a promptfoo config ({@code prompts}, {@code providers}, {@code tests}, {@code defaultTest},
 * {@code description}) into the cases of an eval. Every assertion is mapped to a scorer here, so a config with
 * one that cannot be mapped is refused whole before anything is submitted.
 */
public final class PromptfooConfig {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Provider settings that belong to run-service's own config (SPEC §5: base URLs and keys never travel). */
    private static final Set<String> SERVER_SETTINGS = Set.of("apiBaseUrl", "apiKey", "apiHost", "apiKeyEnvar",
            "organization", "headers");
    private static final int LABEL_LENGTH = 40;

    private final LocatedYaml config;
    private final EvalOptions options;
    private final Path dir;
    private final List<String> warnings = new ArrayList<>();

    private PromptfooConfig(LocatedYaml config, EvalOptions options) {
        this.config = config;
        this.options = options;
        this.dir = config.file().toAbsolutePath().getParent();
    }

    public static EvalSuite load(Path file, EvalOptions options) {
        LocatedYaml yaml = LocatedYaml.read(file);
        if (!yaml.root().isObject()) {
            throw yaml.error("", "a config is a YAML mapping (prompts, providers, tests)");
        }
        if (yaml.root().has("runs")) {
            return NativeBatch.load(yaml, options);
        }
        return new PromptfooConfig(yaml, options).suite();
    }

    private record Prompt(String label, String text) {
    }

    private record Provider(String label, String model, ObjectNode params) {
    }

    /** A test case before expansion, with where it came from. */
    private record Test(String description, ObjectNode vars, List<Assertion> assertions, Double threshold) {
    }

    private EvalSuite suite() {
        JsonNode root = config.root();
        List<Prompt> prompts = options.agent() == null ? prompts(root.get("prompts")) : List.of();
        List<Provider> providers = options.agent() == null ? providers(root.get("providers")) : List.of();
        Test defaults = root.has("defaultTest") ? test(config, "defaultTest", root.get("defaultTest"), null) : null;
        List<Test> tests = tests(root.get("tests"), defaults);
        String description = root.path("description").asText(config.file().getFileName().toString());

        List<EvalCase> cases = new ArrayList<>();
        for (int t = 0; t < tests.size(); t++) {
            Test test = tests.get(t);
            if (options.agent() != null) {
                for (int r = 0; r < options.repeat(); r++) {
                    cases.add(agentCase(cases.size(), t, test, r));
                }
                continue;
            }
            for (Provider provider : providers) {
                for (Prompt prompt : prompts) {
                    for (int r = 0; r < options.repeat(); r++) {
                        cases.add(promptCase(cases.size(), t, test, prompt, provider, r));
                    }
                }
            }
        }
        return new EvalSuite(description, List.copyOf(cases), List.copyOf(warnings));
    }

    private EvalCase promptCase(int index, int t, Test test, Prompt prompt, Provider provider, int repeat) {
        ObjectNode run = NODES.objectNode().put("prompt", prompt.text()).put("model", provider.model());
        run.set("params", provider.params().deepCopy());
        return finish(index, t, test, prompt.label(), provider.label(), repeat, run);
    }

    private EvalCase agentCase(int index, int t, Test test, int repeat) {
        ObjectNode run = NODES.objectNode().put("agent_slug", options.agent());
        JsonNode input = test.vars().get("input");
        if (input != null) {
            run.set("input_data", input);
        }
        return finish(index, t, test, "agent " + options.agent(), "active variant", repeat, run);
    }

    private EvalCase finish(int index, int t, Test test, String prompt, String provider, int repeat, ObjectNode run) {
        run.set("vars", test.vars().deepCopy());
        ArrayNode scorers = run.putArray("scorers");
        List<String> names = new ArrayList<>();
        for (int a = 0; a < test.assertions().size(); a++) {
            Assertion assertion = test.assertions().get(a);
            String name = "assert-" + (a + 1) + "-" + assertion.type();
            names.add(name);
            scorers.add(AssertionMapping.scorer(assertion, name, test.vars()));
        }
        if (options.noCache()) {
            run.put("cache", false);
        }
        if (repeat > 0) {
            run.put("repeat", repeat);
        }
        return new EvalCase(index, prompt, provider, t, test.description(), test.vars(), test.assertions(),
                List.copyOf(names), test.threshold(), repeat, run);
    }

    // ---- prompts

    private List<Prompt> prompts(JsonNode node) {
        if (node == null || node.isNull() || (node.isArray() && node.isEmpty())) {
            throw config.error("prompts", "at least one prompt is required (or --agent)");
        }
        List<Prompt> prompts = new ArrayList<>();
        if (node.isTextual()) {
            prompts.addAll(prompt("prompts", node.asText(), null));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                String at = "prompts[" + i + "]";
                if (item.isTextual()) {
                    prompts.addAll(prompt(at, item.asText(), null));
                } else if (item.isObject() && (item.has("raw") || item.has("id"))) {
                    String text = item.has("raw") ? item.get("raw").asText() : item.get("id").asText();
                    prompts.addAll(prompt(at, text, item.path("label").asText(null)));
                } else {
                    throw config.error(at, "a prompt is a string, a file:// path or {raw|id, label}");
                }
            }
        } else if (node.isObject()) {
            // The map form: {"file://prompt.txt": "label"}.
            Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                prompts.addAll(prompt("prompts." + entry.getKey(), entry.getKey(), entry.getValue().asText(null)));
            }
        } else {
            throw config.error("prompts", "prompts are a string or a list");
        }
        return prompts;
    }

    private List<Prompt> prompt(String at, String text, String label) {
        if (!text.startsWith("file://")) {
            return List.of(new Prompt(label != null ? label : shorten(text), text));
        }
        String ref = text.substring("file://".length());
        Path file = dir.resolve(ref);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".js")
                || name.endsWith(".py") || ref.contains(":")) {
            throw config.error(at, "prompt file " + ref + ": only text prompt files are supported (chat-format JSON/YAML"
                    + " and code prompts are not)");
        }
        String content = readText(at, file);
        // promptfoo splits a text prompt file into several prompts at lines holding only ---.
        String[] parts = content.split("(?m)^---\\s*$\\R?");
        List<Prompt> prompts = new ArrayList<>();
        for (String part : parts) {
            String trimmed = part.strip();
            if (!trimmed.isEmpty()) {
                prompts.add(new Prompt(label != null && parts.length == 1 ? label : shorten(trimmed), trimmed));
            }
        }
        if (prompts.isEmpty()) {
            throw config.error(at, "prompt file " + ref + " is empty");
        }
        return prompts;
    }

    // ---- providers

    private List<Provider> providers(JsonNode node) {
        if (node == null || node.isNull() || (node.isArray() && node.isEmpty())) {
            throw config.error("providers", "at least one provider is required (or --agent)");
        }
        List<Provider> providers = new ArrayList<>();
        if (node.isTextual()) {
            providers.add(provider("providers", node.asText(), null, null));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                String at = "providers[" + i + "]";
                if (item.isTextual()) {
                    providers.add(provider(at, item.asText(), null, null));
                } else if (item.isObject() && item.has("id")) {
                    providers.add(provider(at, item.get("id").asText(), item.path("label").asText(null), item.get("config")));
                } else if (item.isObject() && item.size() == 1) {
                    // The keyed form: - openai:gpt-4o-mini: {config: {...}}.
                    Map.Entry<String, JsonNode> only = item.fields().next();
                    providers.add(provider(at + "." + only.getKey(), only.getKey(), only.getValue().path("label").asText(null),
                            only.getValue().get("config")));
                } else {
                    throw config.error(at, "a provider is an id (openai:gpt-4o-mini) or {id, label, config}");
                }
            }
        } else {
            throw config.error("providers", "providers are an id or a list");
        }
        return providers;
    }

    private Provider provider(String at, String id, String label, JsonNode settings) {
        String model = model(at, id);
        ObjectNode params = NODES.objectNode();
        if (settings != null && settings.isObject()) {
            Set<String> ignored = new LinkedHashSet<>();
            settings.fields().forEachRemaining(setting -> {
                if (SERVER_SETTINGS.contains(setting.getKey())) {
                    ignored.add(setting.getKey());
                } else {
                    params.set(setting.getKey(), setting.getValue());
                }
            });
            if (!ignored.isEmpty() && warnings.stream().noneMatch(w -> w.startsWith("provider settings"))) {
                warnings.add("provider settings " + ignored + " are ignored: base URLs and API keys live in run-service's"
                        + " config (RUN_PROVIDERS_*)");
            }
        } else if (settings != null && !settings.isNull()) {
            throw config.error(at + ".config", "a provider's config is a mapping (temperature, max_tokens, ...)");
        }
        return new Provider(label != null ? label : id, model, params);
    }

    /** A promptfoo provider id as a Flywheel model ({@code provider:model_name}). */
    static String model(String at, String id, LocatedYaml config) {
        String[] parts = id.split(":", -1);
        String provider = parts[0];
        switch (provider) {
            case "echo":
                return "echo:" + (parts.length > 1 && !parts[parts.length - 1].isEmpty() ? parts[parts.length - 1] : "any");
            case "openai":
                if (parts.length == 2 && !parts[1].isEmpty()) {
                    return "openai:" + parts[1];
                }
                if (parts.length == 3 && parts[1].equals("chat") && !parts[2].isEmpty()) {
                    return "openai:" + parts[2];
                }
                break;
            case "anthropic":
                if (parts.length == 2 && !parts[1].isEmpty()) {
                    return "anthropic:" + parts[1];
                }
                if (parts.length == 3 && parts[1].equals("messages") && !parts[2].isEmpty()) {
                    return "anthropic:" + parts[2];
                }
                break;
            default:
                break;
        }
        throw config.error(at, "provider '" + id + "' is not supported; use echo, openai:<model>, openai:chat:<model>,"
                + " anthropic:messages:<model>");
    }

    private String model(String at, String id) {
        return model(at, id, config);
    }

    // ---- tests

    private List<Test> tests(JsonNode node, Test defaults) {
        List<Test> tests = new ArrayList<>();
        if (node == null || node.isNull()) {
            // promptfoo runs each prompt once with the default test when there are no tests.
            tests.add(defaults != null ? defaults : new Test(null, NODES.objectNode(), List.of(), null));
            return tests;
        }
        if (node.isTextual()) {
            tests.addAll(testFile("tests", node.asText(), defaults));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                String at = "tests[" + i + "]";
                if (item.isTextual()) {
                    tests.addAll(testFile(at, item.asText(), defaults));
                } else if (item.isObject()) {
                    tests.addAll(expand(test(config, at, item, defaults)));
                } else {
                    throw config.error(at, "a test is a mapping (vars, assert) or a file:// path");
                }
            }
        } else {
            throw config.error("tests", "tests are a list or a file:// path");
        }
        return tests;
    }

    private List<Test> testFile(String at, String ref, Test defaults) {
        if (!ref.startsWith("file://")) {
            throw config.error(at, "a test given as a string must be a file:// path to a CSV or YAML file");
        }
        Path file = dir.resolve(ref.substring("file://".length()));
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.isRegularFile(file)) {
            throw config.error(at, "test file " + file + " does not exist");
        }
        List<Test> tests = new ArrayList<>();
        if (name.endsWith(".csv")) {
            for (CsvTable.Row row : CsvTable.read(file)) {
                tests.addAll(expand(csvTest(file, row, defaults)));
            }
            return tests;
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json")) {
            LocatedYaml yaml = LocatedYaml.read(file);
            JsonNode root = yaml.root();
            if (root.isObject()) {
                tests.addAll(expand(test(yaml, "", root, defaults)));
            } else if (root.isArray()) {
                for (int i = 0; i < root.size(); i++) {
                    if (!root.get(i).isObject()) {
                        throw yaml.error("[" + i + "]", "a test is a mapping (vars, assert)");
                    }
                    tests.addAll(expand(test(yaml, "[" + i + "]", root.get(i), defaults)));
                }
            } else {
                throw yaml.error("", "a test file is a list of tests");
            }
            return tests;
        }
        throw config.error(at, "test files are .csv, .yaml, .yml or .json");
    }

    private Test test(LocatedYaml source, String at, JsonNode node, Test defaults) {
        if (!node.isObject()) {
            throw source.error(at, "a test is a mapping (vars, assert)");
        }
        String prefix = at.isEmpty() ? "" : at + ".";
        ObjectNode vars = defaults == null ? NODES.objectNode() : defaults.vars().deepCopy();
        JsonNode ownVars = node.get("vars");
        if (ownVars != null && !ownVars.isNull()) {
            if (!ownVars.isObject()) {
                throw source.error(prefix + "vars", "vars are a mapping of name → value");
            }
            vars.setAll((ObjectNode) ownVars);
        }
        List<Assertion> assertions = new ArrayList<>(defaults == null ? List.of() : defaults.assertions());
        JsonNode asserts = node.get("assert");
        if (asserts != null && !asserts.isNull()) {
            if (!asserts.isArray()) {
                throw source.error(prefix + "assert", "assert is a list of assertions");
            }
            String judge = judgeModel();
            for (int i = 0; i < asserts.size(); i++) {
                assertions.add(assertion(source, prefix + "assert[" + i + "]", asserts.get(i), judge));
            }
        }
        Double threshold = defaults == null ? null : defaults.threshold();
        if (node.hasNonNull("threshold")) {
            threshold = node.get("threshold").asDouble();
        }
        String description = node.path("description").asText(null);
        return new Test(description, vars, List.copyOf(assertions), threshold);
    }

    /** The grader of llm-rubric assertions that name none: defaultTest.options.provider, else run-service's default. */
    private String judgeModel() {
        JsonNode provider = config.root().at("/defaultTest/options/provider");
        if (provider.isTextual()) {
            return model("defaultTest.options.provider", provider.asText(), config);
        }
        return null;
    }

    private Assertion assertion(LocatedYaml source, String at, JsonNode node, String judge) {
        if (!node.isObject()) {
            throw source.error(at, "an assertion is a mapping with a type");
        }
        JsonNode type = node.get("type");
        if (type == null || !type.isTextual()) {
            throw source.error(at + ".type", "an assertion needs a type");
        }
        if (node.has("transform")) {
            throw source.error(at + ".transform", "transform runs code, which Flywheel does not do on its servers");
        }
        String ownJudge = node.get("provider") != null && node.get("provider").isTextual()
                ? model(at + ".provider", node.get("provider").asText(), source) : judge;
        Double threshold = node.hasNonNull("threshold") ? Double.valueOf(node.get("threshold").asDouble()) : null;
        Assertion assertion = new Assertion(type.asText(), node.get("value"), threshold,
                node.path("weight").asDouble(1.0), ownJudge, source.file(), source.line(at + ".type"), at + ".type");
        // Map it now (vars do not change whether a type maps), so an unmapped one fails before any run exists.
        AssertionMapping.scorer(assertion, "check", NODES.objectNode());
        return assertion;
    }

    private Test csvTest(Path file, CsvTable.Row row, Test defaults) {
        ObjectNode vars = defaults == null ? NODES.objectNode() : defaults.vars().deepCopy();
        List<Assertion> assertions = new ArrayList<>(defaults == null ? List.of() : defaults.assertions());
        String description = null;
        Double threshold = defaults == null ? null : defaults.threshold();
        for (Map.Entry<String, String> column : row.values().entrySet()) {
            String name = column.getKey();
            String value = column.getValue();
            if (name.startsWith("__expected")) {
                if (!value.isBlank()) {
                    assertions.add(CsvExpectation.parse(value, file, row.line(), name));
                }
            } else if (name.equals("__description")) {
                description = value;
            } else if (name.equals("__threshold")) {
                threshold = value.isBlank() ? threshold : parseDouble(file, row.line(), name, value);
            } else if (!name.startsWith("__")) {
                vars.put(name, value);
            }
        }
        for (Assertion assertion : assertions) {
            AssertionMapping.scorer(assertion, "check", NODES.objectNode());
        }
        return new Test(description, vars, List.copyOf(assertions), threshold);
    }

    /** promptfoo turns a var holding a list into one test per value (every combination for several). */
    private static List<Test> expand(Test test) {
        List<ObjectNode> combinations = new ArrayList<>(List.of(NODES.objectNode()));
        Iterator<Map.Entry<String, JsonNode>> vars = test.vars().fields();
        while (vars.hasNext()) {
            Map.Entry<String, JsonNode> var = vars.next();
            List<JsonNode> values = new ArrayList<>();
            if (var.getValue().isArray() && !var.getValue().isEmpty()
                    && isScalarList(var.getValue())) {
                var.getValue().forEach(values::add);
            } else {
                values.add(var.getValue());
            }
            List<ObjectNode> next = new ArrayList<>();
            for (ObjectNode partial : combinations) {
                for (JsonNode value : values) {
                    ObjectNode extended = partial.deepCopy();
                    extended.set(var.getKey(), value);
                    next.add(extended);
                }
            }
            combinations = next;
        }
        return combinations.stream().map(vs -> new Test(test.description(), vs, test.assertions(), test.threshold()))
                .toList();
    }

    private static boolean isScalarList(JsonNode array) {
        for (JsonNode item : array) {
            if (item.isContainerNode()) {
                return false;
            }
        }
        return true;
    }

    private static double parseDouble(Path file, int line, String field, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigError(file, line, field, "'" + value + "' is not a number");
        }
    }

    private String readText(String at, Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw config.error(at, "cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String shorten(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= LABEL_LENGTH ? flat : flat.substring(0, LABEL_LENGTH - 1) + "…";
    }
}
