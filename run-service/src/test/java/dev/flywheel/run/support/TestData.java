package dev.flywheel.run.support;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request bodies for tests, so that no test scatters JSON strings. */
public final class TestData {

    private TestData() {
    }

    public static Map<String, Object> experiment(String name) {
        return Map.of("name", name, "description", "test experiment");
    }

    /** A one-stage run config: {@code {prompt, model, params: {}}}. */
    public static Map<String, Object> run(String prompt, String model) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("prompt", prompt);
        config.put("model", model);
        config.put("params", new HashMap<>());
        return config;
    }

    public static Map<String, Object> stage(String template, String model) {
        return Map.of("prompt_template", template, "model", model, "params", Map.of());
    }

    public static Map<String, Object> pipeline(Object inputData, Map<String, Object>... stages) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("pipeline_stages", List.of(stages));
        config.put("input_data", inputData);
        return config;
    }

    public static Map<String, Object> with(Map<String, Object> config, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(config);
        copy.put(key, value);
        return copy;
    }

    public static Map<String, Object> scorer(String type, String name, Object... options) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", type);
        if (name != null) {
            spec.put("name", name);
        }
        for (int i = 0; i < options.length; i += 2) {
            spec.put((String) options[i], options[i + 1]);
        }
        return spec;
    }

    /** A text no other test uses, to tell this test's calls and cache entries apart. */
    public static String marker() {
        return "m-" + UUID.randomUUID();
    }

    /** A resolved config as variant-service answers it, with the echo model and no limits. */
    public static Map<String, Object> resolvedAgent(UUID agentId, UUID variantId) {
        Map<String, Object> config = new HashMap<>();
        config.put("agent_id", agentId.toString());
        config.put("variant_id", variantId == null ? null : variantId.toString());
        config.put("model_provider", "echo");
        config.put("model_name", "any");
        config.put("system_prompt", "");
        config.put("user_prompt_template", "");
        config.put("prompt_version", "v1");
        config.put("temperature", 0.0);
        config.put("max_tokens", 32768);
        config.put("context_window", 0);
        config.put("input_token_limit", 0);
        config.put("token_budget", 0);
        config.put("timeout_seconds", 120);
        config.put("max_retries", 2);
        return config;
    }

    public static String json(Map<String, Object> config) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(config);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
