package dev.flywheel.verify.tool.prometheus;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The PromQL query that shows an alert's current state (SPEC §6). Label values from incidents are
 * untrusted: they only ever appear as escaped PromQL string literals, so no value can close the
 * string and change the query's structure.
 */
public final class PromQlBuilder {

    /** Alerts whose names start with this (case-insensitively) are Docker container memory alerts. */
    public static final String DOCKER_MEMORY_ALERT_PREFIX = "dockercontainermemory";
    public static final String DOCKER_MEMORY_USAGE = "docker_container_memory_usage_bytes";
    public static final String DOCKER_MEMORY_LIMIT = "docker_container_memory_limit_bytes";
    /** The labels that identify a Docker container across the usage and limit series. */
    public static final List<String> DOCKER_MATCH_LABELS = List.of("host", "container_name");
    /** The metric every scraped target has: the generic "is it there" query. */
    public static final String GENERIC_METRIC = "up";
    public static final List<String> GENERIC_MATCH_LABELS = List.of("job", "instance", "namespace");

    private PromQlBuilder() {
    }

    public static String forAlert(String alertname, Map<String, String> labels) {
        if (isDockerMemoryAlert(alertname)) {
            String usage = selector(DOCKER_MEMORY_USAGE, labels, DOCKER_MATCH_LABELS);
            String limit = selector(DOCKER_MEMORY_LIMIT, labels, DOCKER_MATCH_LABELS);
            return usage + " / on (" + String.join(", ", DOCKER_MATCH_LABELS) + ") " + limit;
        }
        return selector(GENERIC_METRIC, labels, GENERIC_MATCH_LABELS);
    }

    public static boolean isDockerMemoryAlert(String alertname) {
        return alertname != null && alertname.toLowerCase(Locale.ROOT).startsWith(DOCKER_MEMORY_ALERT_PREFIX);
    }

    /** {@code metric{a="…",b="…"}} with the listed labels the incident has, or the bare metric name. */
    static String selector(String metric, Map<String, String> labels, List<String> names) {
        String matchers = names.stream()
                .filter(name -> labels.get(name) != null && !labels.get(name).isEmpty())
                .map(name -> name + "=" + quote(labels.get(name)))
                .collect(Collectors.joining(","));
        return matchers.isEmpty() ? metric : metric + "{" + matchers + "}";
    }

    /** A PromQL double-quoted string literal (Go escaping rules) holding exactly {@code value}. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
