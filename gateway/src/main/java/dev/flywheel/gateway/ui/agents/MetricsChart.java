package dev.flywheel.gateway.ui.agents;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The comparison chart, laid out on the server so the page needs no chart library and no script: per config
 * (base first), a bar for the success rate and one for the mean score, both on a 0–100 % scale.
 */
@TemplateData
public record MetricsChart(int width, int height, List<Bar> bars) {

    /** Where the bars start, right of the labels. */
    public int barX() {
        return LABEL_WIDTH;
    }

    static final int LABEL_WIDTH = 170;
    static final int BAR_SPACE = 360;
    static final int ROW_HEIGHT = 40;

    /** One config's row: where it sits and how long its two bars are (0 when the value is unknown). */
    @TemplateData
    public record Bar(String label, boolean base, int y, int successWidth, String success, int scoreWidth,
            String score) {

        public int labelY() {
            return y + 12;
        }

        public int scoreY() {
            return y + 17;
        }

        public int scoreTextY() {
            return y + 29;
        }

        public int successTextX() {
            return LABEL_WIDTH + successWidth + 6;
        }

        public int scoreTextX() {
            return LABEL_WIDTH + scoreWidth + 6;
        }
    }

    static MetricsChart of(JsonNode items) {
        List<Bar> bars = new ArrayList<>();
        int y = 10;
        for (JsonNode item : items) {
            boolean base = item.path("variant_id").isNull() || item.path("variant_id").isMissingNode();
            String label = item.path("variant_name").asText(base ? "base" : "variant");
            JsonNode success = item.path("success_rate");
            JsonNode score = item.path("mean_score");
            bars.add(new Bar(label, base, y, width(success), percent(success), width(score), percent(score)));
            y += ROW_HEIGHT;
        }
        return new MetricsChart(LABEL_WIDTH + BAR_SPACE + 70, y + 10, bars);
    }

    private static int width(JsonNode fraction) {
        return fraction.isNumber() ? (int) Math.round(Math.max(0, Math.min(1, fraction.asDouble())) * BAR_SPACE) : 0;
    }

    private static String percent(JsonNode fraction) {
        return fraction.isNumber() ? String.format(Locale.ROOT, "%.0f%%", fraction.asDouble() * 100) : "n/a";
    }
}
