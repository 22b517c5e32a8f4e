package dev.flywheel.deploy.compose;

import dev.flywheel.deploy.Repo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * deploy/docker-compose.yml as Compose reads it: YAML merge keys resolved, and the short and long forms of
 * environment and depends_on brought to one shape.
 */
final class ComposeFile {

    static final String PATH = "deploy/docker-compose.yml";

    private final Map<String, Map<String, Object>> services;

    private ComposeFile(Map<String, Map<String, Object>> services) {
        this.services = services;
    }

    @SuppressWarnings("unchecked")
    static ComposeFile load() {
        Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Repo.read(PATH));
        return new ComposeFile((Map<String, Map<String, Object>>) root.get("services"));
    }

    Map<String, Map<String, Object>> services() {
        return services;
    }

    Map<String, Object> service(String name) {
        return Optional.ofNullable(services.get(name))
                .orElseThrow(() -> new AssertionError(PATH + " has no service " + name));
    }

    /** Variable name to its value as written, interpolation such as ${X:-default} left as it is. */
    @SuppressWarnings("unchecked")
    Map<String, String> environment(String name) {
        Object environment = service(name).get("environment");
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> map) {
            map.forEach((key, value) -> variables.put(String.valueOf(key), value == null ? "" : String.valueOf(value)));
        } else if (environment instanceof List<?> list) {
            for (String entry : (List<String>) list) {
                int equals = entry.indexOf('=');
                variables.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        return variables;
    }

    /** Dependency to its condition; the short list form means service_started. */
    @SuppressWarnings("unchecked")
    Map<String, String> dependsOn(String name) {
        Object dependsOn = service(name).get("depends_on");
        Map<String, String> conditions = new LinkedHashMap<>();
        if (dependsOn instanceof Map<?, ?> map) {
            map.forEach((key, value) -> conditions.put(String.valueOf(key),
                    String.valueOf(((Map<String, Object>) value).getOrDefault("condition", "service_started"))));
        } else if (dependsOn instanceof List<?> list) {
            list.forEach(dependency -> conditions.put(String.valueOf(dependency), "service_started"));
        }
        return conditions;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> healthcheck(String name) {
        return (Map<String, Object>) service(name).get("healthcheck");
    }

    @SuppressWarnings("unchecked")
    List<String> list(String name, String key) {
        return (List<String>) service(name).getOrDefault(key, List.of());
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> build(String name) {
        return (Map<String, Object>) service(name).get("build");
    }
}
