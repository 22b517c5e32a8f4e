package dev.flywheel.gateway.ui.agents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.gateway.ui.Formats;
import io.quarkus.qute.TemplateData;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A variant's metrics over time as two server-side SVG line charts sharing the time axis: success rate and mean
 * score (0–100 %), and latency p50/p95 (ms, scaled to the largest value). Laid out here so the page needs no chart
 * library and no script; the template draws axes, grid lines and a legend from these coordinates.
 */
@TemplateData
public record SeriesChart(int width, int height, int left, int right, int top, int bottom, List<Point> points,
        String successLine, String scoreLine, String p50Line, String p95Line, List<Tick> percentTicks,
        List<Tick> latencyTicks, List<Tick> timeTicks, String bucket) {

    /** Bucket widths the page offers. */
    public static final List<String> BUCKETS = List.of("15m", "1h", "1d");
    static final int WIDTH = 720;
    static final int PANEL = 160;
    static final int LEFT = 64;
    static final int RIGHT = 16;
    static final int TOP = 12;
    static final int GAP = 48;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** One bucket: where it sits and its values, for the dots, their tooltips and the data table. */
    @TemplateData
    public record Point(String start, double x, long runs, Double successRate, Double meanScore, Double p50, Double p95,
            double successY, double scoreY, double p50Y, double p95Y) {

        public boolean hasScore() {
            return meanScore != null;
        }
    }

    /** An axis label and where it goes: {@code at} on the axis, {@code labelAt} its text's baseline or centre. */
    @TemplateData
    public record Tick(double at, double labelAt, String label) {
    }

    /** Where the y axes' labels end, left of the plot. */
    public int labelX() {
        return left - 6;
    }

    /** The baseline of the time axis' labels. */
    public int timeLabelY() {
        return bottom + 18;
    }

    public boolean empty() {
        return points.isEmpty();
    }

    /** The bottom of the first panel (rates) and the top and bottom of the second (latency). */
    public int ratesBottom() {
        return TOP + PANEL;
    }

    public int latencyTop() {
        return TOP + PANEL + GAP;
    }

    public int latencyBottom() {
        return latencyTop() + PANEL;
    }

    static SeriesChart of(JsonNode series) {
        JsonNode items = series.path("points");
        int n = items.size();
        double plotWidth = WIDTH - LEFT - RIGHT;
        double maxLatency = 1;
        for (JsonNode item : items) {
            maxLatency = Math.max(maxLatency, item.path("latency_ms").path("p95").asDouble(0));
        }
        double latencyScale = niceCeiling(maxLatency);
        int latencyTop = TOP + PANEL + GAP;
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            JsonNode item = items.get(i);
            double x = LEFT + (n == 1 ? plotWidth / 2 : plotWidth * i / (n - 1));
            Double success = number(item.path("success_rate"));
            Double score = number(item.path("mean_score"));
            Double p50 = number(item.path("latency_ms").path("p50"));
            Double p95 = number(item.path("latency_ms").path("p95"));
            points.add(new Point(item.path("start").asText(), round(x), item.path("runs").asLong(), success, score, p50, p95,
                    rateY(success), rateY(score), latencyY(p50, latencyScale, latencyTop),
                    latencyY(p95, latencyScale, latencyTop)));
        }
        List<Tick> percent = new ArrayList<>();
        for (int p = 0; p <= 100; p += 25) {
            double y = rateY(p / 100.0);
            percent.add(new Tick(y, y + 4, p + " %"));
        }
        List<Tick> latency = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            double value = latencyScale * i / 4;
            double y = latencyY(value, latencyScale, latencyTop);
            latency.add(new Tick(y, y + 4, Formats.ms(value)));
        }
        List<Tick> time = new ArrayList<>();
        if (n > 0) {
            for (int index : n <= 2 ? List.of(0, n - 1) : List.of(0, (n - 1) / 2, n - 1)) {
                double x = points.get(index).x();
                time.add(new Tick(x, x, HOUR.format(Instant.parse(points.get(index).start()))));
            }
        }
        return new SeriesChart(WIDTH, latencyTop + PANEL + 28, LEFT, WIDTH - RIGHT, TOP, latencyTop + PANEL,
                List.copyOf(points), line(points, Point::successY, p -> p.successRate() != null),
                line(points, Point::scoreY, p -> p.meanScore() != null), line(points, Point::p50Y, p -> p.p50() != null),
                line(points, Point::p95Y, p -> p.p95() != null), percent, latency, time.stream().distinct().toList(),
                series.path("bucket").asText("1h"));
    }

    private static String line(List<Point> points, java.util.function.ToDoubleFunction<Point> y,
            java.util.function.Predicate<Point> present) {
        StringBuilder line = new StringBuilder();
        for (Point point : points) {
            if (present.test(point)) {
                line.append(line.length() == 0 ? "" : " ").append(point.x()).append(',').append(round(y.applyAsDouble(point)));
            }
        }
        return line.toString();
    }

    private static double rateY(Double fraction) {
        double value = fraction == null ? 0 : Math.max(0, Math.min(1, fraction));
        return round(TOP + PANEL - value * PANEL);
    }

    private static double latencyY(Double millis, double scale, int top) {
        double value = millis == null ? 0 : Math.max(0, Math.min(scale, millis));
        return round(top + PANEL - value / scale * PANEL);
    }

    /** The smallest 1, 2 or 5 × 10ⁿ at or above the value, so the axis reads in round numbers. */
    static double niceCeiling(double value) {
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] { 1, 2, 5, 10 }) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static Double number(JsonNode value) {
        return value.isNumber() ? value.asDouble() : null;
    }
}
