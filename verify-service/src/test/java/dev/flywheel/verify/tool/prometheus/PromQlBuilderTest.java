package dev.flywheel.verify.tool.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Ports seed 003's TestPrometheusQueryBuilder, and proves label values cannot change a query's structure. */
class PromQlBuilderTest {

    private static final String HOSTILE = "\"} or vector(1) or {x=\"";

    @Test
    @DisplayName("test_docker_memory_alert_query_is_not_empty")
    void aDockerMemoryAlertComparesUsageWithLimitOnHostAndContainer() {
        String query = PromQlBuilder.forAlert("DockerContainerMemoryLimitPressure",
                Map.of("host", "110", "container_name", "momo-scheduler"));
        assertThat(query).contains("docker_container_memory_usage_bytes")
                .contains("docker_container_memory_limit_bytes")
                .contains("host=\"110\"")
                .contains("container_name=\"momo-scheduler\"")
                .contains("on (host, container_name)");
    }

    @Test
    @DisplayName("test_canary_alert_uses_generic_non_empty_query")
    void anyOtherAlertUsesTheGenericUpQuery() {
        assertThat(PromQlBuilder.forAlert("AwoooPAutoRepairCanaryT16", Map.of())).isEqualTo("up");
    }

    @Test
    void theGenericQueryMatchesJobInstanceAndNamespaceWhenKnown() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("namespace", "prod");
        labels.put("job", "api");
        labels.put("pod", "ignored-1");
        assertThat(PromQlBuilder.forAlert("KubePodCrashLooping", labels)).isEqualTo("up{job=\"api\",namespace=\"prod\"}");
    }

    @Test
    void aHostileLabelValueStaysInsideItsString() {
        String query = PromQlBuilder.forAlert("DockerContainerMemoryUsageHigh", Map.of("host", HOSTILE));
        assertThat(query).contains("host=\"\\\"} or vector(1) or {x=\\\"\"");
        assertThat(matchers(query)).containsExactly(List.of("host", HOSTILE), List.of("host", HOSTILE));
    }

    @Test
    void backslashesAndControlCharactersAreEscaped() {
        assertThat(PromQlBuilder.quote("a\\b\nc\td\u0001")).isEqualTo("\"a\\\\b\\nc\\td\\x01\"");
    }

    @Property(tries = 500)
    void anyLabelValueRoundTripsAsExactlyOneMatcher(@ForAll String host, @ForAll String container) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("host", host);
        labels.put("container_name", container);
        String query = PromQlBuilder.forAlert("DockerContainerMemoryLimitPressure", labels);

        List<List<String>> expected = new ArrayList<>();
        for (int side = 0; side < 2; side++) {
            if (!host.isEmpty()) {
                expected.add(List.of("host", host));
            }
            if (!container.isEmpty()) {
                expected.add(List.of("container_name", container));
            }
        }
        assertThat(matchers(query)).isEqualTo(expected);
        String outsideStrings = query.replaceAll(STRING_LITERAL.pattern(), "\"\"");
        assertThat(outsideStrings).doesNotContain(" or ").doesNotContain("vector");
    }

    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern MATCHER = Pattern.compile("([a-z_]+)=" + STRING_LITERAL.pattern());

    /** The {@code name="value"} matchers of a query, values unquoted the way PromQL's lexer does. */
    private static List<List<String>> matchers(String query) {
        List<List<String>> found = new ArrayList<>();
        Matcher matcher = MATCHER.matcher(query);
        int end = 0;
        while (matcher.find(end)) {
            found.add(List.of(matcher.group(1), unquote(matcher.group(2))));
            end = matcher.end();
        }
        return found;
    }

    private static String unquote(String body) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = body.charAt(++i);
            switch (escaped) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'x' -> {
                    out.append((char) Integer.parseInt(body.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> out.append(escaped);
            }
        }
        return out.toString();
    }
}
