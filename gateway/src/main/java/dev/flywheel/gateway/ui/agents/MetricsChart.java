package dev.flywheel.gateway.ui.agents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.gateway.ui.Formats;
import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.List;

/**
 * The comparison charts, laid out on the server so the page needs no chart library and no script: per config
 * (base first) a group of horizontal bars, one per measure, on an axis with ticks; the template adds the legend.
 * Rates share a 0–100 % axis; latency and tokens each get their own chart, scaled to their largest value.
 */
@TemplateData
public record MetricsChart(int width, int height, int plotLeft, int plotRight, int axisY, List<Group> groups,
        List<Tick> ticks) {

    static final int WIDTH = 640;
    static final int LABEL_WIDTH = 150;
    static final int VALUE_SPACE = 110;
    static final int BAR = 14;
    static final int LABEL_CHARS = 22;

    /** One config's bars; {@code label} is cut to fit, {@code fullLabel} is its tooltip. */
    @TemplateData
    public record Group(String label, String fullLabel, double labelY, List<Bar> bars) {
    }

    /** One measure's bar of a config: its CSS class (success, score, latency), where it sits, and its value as text. */
    @TemplateData
    public record Bar(String measure, String name, double y, double width, double textX, double textY, String text) {
    }

    @TemplateData
    public record Tick(double x, String label) {
    }

    /** A measure to chart: how to read it from a metrics item and how to print it. */
    record Measure(String cssClass, String name, java.util.function.Function<JsonNode, JsonNode> value,
            java.util.function.Function<Object, String> format) {
    }

    static MetricsChart rates(JsonNode items) {
        return of(items, List.of(
                new Measure("success", "success", item -> item.path("success_rate"), Formats::pct),
                new Measure("score", "score", item -> item.path("mean_score"), Formats::pct)), 1.0, Formats::pct);
    }

    static MetricsChart latency(JsonNode items) {
        double max = 1;
        for (JsonNode item : items) {
            max = Math.max(max, item.path("latency_ms").path("p95").asDouble(0));
        }
        return of(items, List.of(
                new Measure("latency", "p50", item -> item.path("latency_ms").path("p50"), Formats::ms),
                new Measure("latency-p95", "p95", item -> item.path("latency_ms").path("p95"), Formats::ms)),
                SeriesChart.niceCeiling(max), Formats::ms);
    }

    static MetricsChart tokens(JsonNode items) {
        double max = 1;
        for (JsonNode item : items) {
            max = Math.max(max, item.path("tokens_in").asDouble(0) + item.path("tokens_out").asDouble(0));
        }
        return of(items, List.of(
                new Measure("success", "in", item -> item.path("tokens_in"), Formats::num),
                new Measure("score", "out", item -> item.path("tokens_out"), Formats::num)),
                SeriesChart.niceCeiling(max), Formats::num);
    }

    private static MetricsChart of(JsonNode items, List<Measure> measures, double scale,
            java.util.function.Function<Object, String> tickFormat) {
        int plotLeft = LABEL_WIDTH;
        int plotRight = WIDTH - VALUE_SPACE;
        double plotWidth = plotRight - plotLeft;
        List<Group> groups = new ArrayList<>();
        double y = 8;
        for (JsonNode item : items) {
            boolean base = item.path("variant_id").isNull() || item.path("variant_id").isMissingNode();
            String label = item.path("variant_name").asText(base ? "base" : "variant");
            List<Bar> bars = new ArrayList<>();
            double groupTop = y;
            for (Measure measure : measures) {
                JsonNode value = measure.value().apply(item);
                double fraction = value.isNumber() ? Math.max(0, Math.min(1, value.asDouble() / scale)) : 0;
                double width = Math.round(fraction * plotWidth * 10) / 10.0;
                String text = measure.name() + " " + (value.isNumber() ? measure.format().apply(value.asDouble()) : "no runs");
                bars.add(new Bar(measure.cssClass(), measure.name(), y, width, plotLeft + width + 6, y + BAR - 3, text));
                y += BAR + 2;
            }
            groups.add(new Group(Formats.cut(label, LABEL_CHARS), label, groupTop + (y - groupTop) / 2 + 4, bars));
            y += 12;
        }
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            ticks.add(new Tick(plotLeft + plotWidth * i / 4, tickFormat.apply(scale * i / 4)));
        }
        return new MetricsChart(WIDTH, (int) y + 24, plotLeft, plotRight, (int) y, List.copyOf(groups), ticks);
    }

    /** The baseline of the tick labels, under the axis. */
    public int tickLabelY() {
        return axisY + 16;
    }
}
