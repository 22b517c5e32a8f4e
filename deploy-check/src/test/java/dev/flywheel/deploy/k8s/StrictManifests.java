package dev.flywheel.deploy.k8s;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads Kubernetes YAML into fabric8's typed model and refuses anything the model does not know: a kind it has
 * no class for, or a field it has no property for (fabric8 itself would quietly keep such a field aside, and
 * the API server would drop or reject it — a misspelt {@code livenessProbes} must fail here instead).
 */
final class StrictManifests {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

    private StrictManifests() {
    }

    static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        int index = 0;
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            index++;
            if (document != null) {
                objects.add(parseDocument(document, index));
            }
        }
        return objects;
    }

    private static HasMetadata parseDocument(Object document, int index) {
        KubernetesResource resource = SERIALIZATION.unmarshal(SERIALIZATION.asJson(document), KubernetesResource.class);
        if (!(resource instanceof HasMetadata object) || resource instanceof GenericKubernetesResource) {
            throw new AssertionError("document " + index + " is no kind the Kubernetes model knows: " + describe(document));
        }
        List<String> unknown = new ArrayList<>();
        collectUnknownFields(object, object.getKind(), unknown);
        if (!unknown.isEmpty()) {
            throw new AssertionError(object.getKind() + " " + object.getMetadata().getName()
                    + " has fields the Kubernetes model does not know: " + unknown);
        }
        return object;
    }

    private static void collectUnknownFields(Object node, String path, List<String> unknown) {
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknownFields(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (node instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> collectUnknownFields(value, path + "." + key, unknown));
            return;
        }
        if (node == null || !node.getClass().getName().startsWith(MODEL_PACKAGE)) {
            return;
        }
        for (Class<?> type = node.getClass(); type != null && type.getName().startsWith(MODEL_PACKAGE);
                type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Object value = read(field, node);
                if (field.getName().equals("additionalProperties")) {
                    ((Map<?, ?>) value).keySet().forEach(key -> unknown.add(path + "." + key));
                } else {
                    collectUnknownFields(value, path + "." + jsonName(field), unknown);
                }
            }
        }
    }

    private static Object read(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }

    private static String jsonName(Field field) {
        JsonProperty property = field.getAnnotation(JsonProperty.class);
        return property != null && !property.value().isEmpty() ? property.value() : field.getName();
    }

    private static String describe(Object document) {
        if (document instanceof Map<?, ?> map) {
            return "apiVersion=" + map.get("apiVersion") + ", kind=" + map.get("kind");
        }
        return Objects.toString(document);
    }
}
