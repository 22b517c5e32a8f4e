package dev.flywheel.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML (or JSON) file read as a Jackson tree that remembers the line of every node, by field path
 * ({@code tests[2].assert[0].type}), so that a refusal can name the line a person has to fix.
 */
public record LocatedYaml(Path file, JsonNode root, Map<String, Integer> lines) {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public static LocatedYaml read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigError(file, 0, "", "no such file");
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        try (Reader reader = Files.newBufferedReader(file)) {
            Node node = new Yaml(new SafeConstructor(options)).compose(reader);
            Map<String, Integer> lines = new HashMap<>();
            JsonNode root = node == null ? NODES.nullNode() : convert(node, "", lines);
            return new LocatedYaml(file, root, Map.copyOf(lines));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ConfigError(file, line, "", "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new ConfigError(file, 0, "", "not valid YAML: " + e.getMessage());
        } catch (IOException e) {
            throw new ConfigError(file, 0, "", "cannot read: " + e.getMessage());
        }
    }

    /** The line of the node at this path, or of its nearest enclosing node; 0 when unknown. */
    public int line(String path) {
        String at = path;
        while (true) {
            Integer line = lines.get(at);
            if (line != null) {
                return line;
            }
            if (at.isEmpty()) {
                return 0;
            }
            int cut = Math.max(at.lastIndexOf('.'), at.lastIndexOf('['));
            at = cut <= 0 ? "" : at.substring(0, cut);
        }
    }

    /** A refusal located at this path of the file. */
    public ConfigError error(String path, String message) {
        return new ConfigError(file, line(path), path, message);
    }

    private static JsonNode convert(Node node, String path, Map<String, Integer> lines) {
        lines.put(path, node.getStartMark().getLine() + 1);
        if (node instanceof MappingNode mapping) {
            ObjectNode object = NODES.objectNode();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue()
                        : String.valueOf(tuple.getKeyNode().getStartMark().getLine());
                String child = path.isEmpty() ? key : path + "." + key;
                object.set(key, convert(tuple.getValueNode(), child, lines));
            }
            return object;
        }
        if (node instanceof SequenceNode sequence) {
            ArrayNode array = NODES.arrayNode();
            for (int i = 0; i < sequence.getValue().size(); i++) {
                array.add(convert(sequence.getValue().get(i), path + "[" + i + "]", lines));
            }
            return array;
        }
        return scalar((ScalarNode) node);
    }

    private static JsonNode scalar(ScalarNode node) {
        String text = node.getValue();
        Tag tag = node.getTag();
        if (Tag.NULL.equals(tag)) {
            return NODES.nullNode();
        }
        if (Tag.BOOL.equals(tag)) {
            return NODES.booleanNode(switch (text.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "y" -> true;
                default -> false;
            });
        }
        if (Tag.INT.equals(tag)) {
            try {
                BigInteger value = new BigInteger(text.replace("_", ""));
                return value.bitLength() < 64 ? NODES.numberNode(value.longValue()) : NODES.numberNode(value);
            } catch (NumberFormatException e) {
                return NODES.textNode(text);
            }
        }
        if (Tag.FLOAT.equals(tag)) {
            try {
                return NODES.numberNode(Double.parseDouble(text.replace("_", "")));
            } catch (NumberFormatException e) {
                return NODES.textNode(text);
            }
        }
        return NODES.textNode(text);
    }
}
