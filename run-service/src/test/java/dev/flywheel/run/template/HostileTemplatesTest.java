package dev.flywheel.run.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whatever a prompt author (or an attacker) types, the engine answers text or a {@link TemplateError}: never another
 * exception, never a Java class name, and within its limits.
 */
class HostileTemplatesTest {

    private static final List<String> PIECES = List.of("{{", "}}", "{%", "%}", "{#", "#}", "-", "+", " ", "\n", "if",
            "for", "in", "endif", "endfor", "else", "x", "input", "(", ")", "[", "]", "{", "}", "'", "\"", "|", "upper",
            "is", "defined", ".", ",", ":", "=", "set", "macro", "endmacro", "1", "0", "/", "//", "%", "*", "**", "~",
            "not", "and", "or", "range(5)", "loop", "raw", "endraw", "filter", "call", "caller()", "none", "True");

    private final TemplateEngine engine = new TemplateEngine(100);
    private final TemplateLimits limits = new TemplateLimits(10_000, 10_000, 20, Duration.ofSeconds(1));

    @Test
    void randomTemplatesRenderOrFailWithATemplateErrorOnly() {
        Random random = new Random(16);
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder template = new StringBuilder();
            for (int n = random.nextInt(14); n >= 0; n--) {
                template.append(PIECES.get(random.nextInt(PIECES.size())));
            }
            try {
                engine.render(template.toString(), Map.of("input", "text", "x", List.of(1, 2)), limits);
            } catch (TemplateError e) {
                refused++;
                assertThat(e.getMessage()).as(template.toString()).isNotBlank()
                        .doesNotContainPattern("java\\.|dev\\.flywheel|Exception");
            }
        }
        assertThat(refused).as("most random token soups are refused").isGreaterThan(5_000);
    }

    @Test
    void deepNestingIsRefusedNotACrash() {
        String deep = "{{ " + "(".repeat(50_000) + "1" + ")".repeat(50_000) + " }}";
        try {
            engine.render(deep, Map.of(), limits);
        } catch (TemplateError e) {
            assertThat(e.getMessage()).doesNotContain("java.");
        }
        String blocks = "{% if 1 %}".repeat(20_000) + "x" + "{% endif %}".repeat(20_000);
        try {
            engine.render(blocks, Map.of(), limits);
        } catch (TemplateError e) {
            assertThat(e.getMessage()).doesNotContain("java.");
        }
    }

    @Test
    void hugeValuesFailOnTheOutputLimit() {
        for (String template : List.of("{{ 'x' * 100000000 }}", "{{ 'ab' | center(100000000) }}",
                "{% set s = 'x' * 9000 %}{{ s ~ s }}", "{{ [1] * 100000000 }}", "{{ 'x'.replace('', 'yyyyyyyy') * 5000 }}")) {
            try {
                String out = engine.render(template, Map.of(), limits);
                assertThat(out.length()).as(template).isLessThanOrEqualTo(10_000);
            } catch (TemplateError e) {
                assertThat(e.kind()).as(template).isEqualTo("LimitExceeded");
            }
        }
    }
}
