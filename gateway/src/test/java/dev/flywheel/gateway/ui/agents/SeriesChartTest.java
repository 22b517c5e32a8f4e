package dev.flywheel.gateway.ui.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SeriesChartTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void pointsSpreadOverThePlotWithRatesAndLatencyOnTheirOwnScales() throws Exception {
        SeriesChart chart = SeriesChart.of(MAPPER.readTree("""
                {"bucket":"1h","points":[
                  {"start":"2026-11-29T10:00:00Z","runs":2,"success_rate":0.5,"latency_ms":{"p50":200,"p95":290},"mean_score":1.0},
                  {"start":"2026-11-29T11:00:00Z","runs":1,"success_rate":1.0,"latency_ms":{"p50":50,"p95":50},"mean_score":null},
                  {"start":"2026-11-29T12:00:00Z","runs":3,"success_rate":0.0,"latency_ms":{"p50":10,"p95":20},"mean_score":0.5}]}"""));

        assertThat(chart.points()).extracting(SeriesChart.Point::x).containsExactly((double) chart.left(),
                (chart.left() + chart.right()) / 2.0, (double) chart.right());
        SeriesChart.Point first = chart.points().get(0);
        assertThat(first.successY()).isEqualTo(chart.top() + SeriesChart.PANEL / 2.0);
        assertThat(first.scoreY()).isEqualTo(chart.top());
        assertThat(chart.points().get(2).successY()).isEqualTo(chart.ratesBottom());
        // Latency is scaled to 500 ms, the round ceiling above the slowest p95 (290 ms).
        assertThat(chart.latencyTicks()).extracting(SeriesChart.Tick::label).endsWith("500 ms");
        assertThat(first.p95Y()).isEqualTo(chart.latencyBottom() - 290.0 / 500 * SeriesChart.PANEL);
        // A bucket without a score is left out of the score line instead of drawn at zero.
        assertThat(chart.scoreLine().split(" ")).hasSize(2);
        assertThat(chart.successLine().split(" ")).hasSize(3);
        assertThat(chart.timeTicks()).extracting(SeriesChart.Tick::label).containsExactly("Nov 29 10:00", "Nov 29 11:00",
                "Nov 29 12:00");
        assertThat(chart.percentTicks()).extracting(SeriesChart.Tick::label).containsExactly("0 %", "25 %", "50 %", "75 %",
                "100 %");
    }

    @Test
    void noPointsIsAnEmptyChart() throws Exception {
        assertThat(SeriesChart.of(MAPPER.readTree("{\"bucket\":\"1h\",\"points\":[]}")).empty()).isTrue();
    }

    @Test
    void niceCeilingsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(SeriesChart.niceCeiling(1)).isEqualTo(1);
        assertThat(SeriesChart.niceCeiling(1.2)).isEqualTo(2);
        assertThat(SeriesChart.niceCeiling(290)).isEqualTo(500);
        assertThat(SeriesChart.niceCeiling(5000)).isEqualTo(5000);
        assertThat(SeriesChart.niceCeiling(7001)).isEqualTo(10000);
    }
}
