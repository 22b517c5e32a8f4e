package dev.flywheel.verify.tool;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.verify.incident.Incident;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The read-only tools this service can run, and which of them an incident calls for (SPEC §6). */
@ApplicationScoped
public class ToolRegistry {

    private final List<Tool<?>> tools;
    private final ObjectMapper mapper;

    public ToolRegistry(Instance<Tool<?>> tools, ObjectMapper mapper) {
        this.tools = tools.stream().sorted(Comparator.comparing(Tool::name)).toList();
        this.mapper = mapper;
    }

    public List<Tool<?>> all() {
        return tools;
    }

    public Optional<Tool<?>> find(String name) {
        return tools.stream().filter(tool -> tool.name().equals(name)).findFirst();
    }

    /** The calls an incident's alert and labels suggest, among tools whose backend is configured. */
    public List<ToolCall> suggest(Incident incident) {
        String alertname = incident.alertname();
        Map<String, String> labels = incident.labels();
        return tools.stream()
                .filter(Tool::configured)
                .flatMap(tool -> tool.suggest(alertname, labels)
                        .map(parameters -> new ToolCall(tool.name(), mapper.<ObjectNode>valueToTree(parameters)))
                        .stream())
                .toList();
    }
}
