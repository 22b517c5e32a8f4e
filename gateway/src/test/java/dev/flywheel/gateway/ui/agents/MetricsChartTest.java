package dev.flywheel.gateway.ui.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class MetricsChartTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode items() throws Exception {
        return MAPPER.readTree("""
                [{"variant_id":null,"variant_name":"base","runs":4,"success_rate":0.5,"mean_score":null,
                  "latency_ms":{"mean":100,"p50":90,"p95":180},"tokens_in":40,"tokens_out":10},
                 {"variant_id":"v1","variant_name":"A variant with a much longer name than fits","runs":2,
                  "success_rate":1.0,"mean_score":0.9166666666666666,
                  "latency_ms":{"mean":300,"p50":250,"p95":420},"tokens_in":20,"tokens_out":30}]""");
    }

    @Test
    void ratesAreTwoBarsPerConfigOnOneHundredPercentWithReadableValues() throws Exception {
        MetricsChart chart = MetricsChart.rates(items());

        assertThat(chart.groups()).hasSize(2);
        MetricsChart.Group base = chart.groups().get(0);
        assertThat(base.bars()).extracting(MetricsChart.Bar::measure).containsExactly("success", "score");
        double plot = chart.plotRight() - chart.plotLeft();
        assertThat(base.bars().get(0).width()).isEqualTo(plot / 2);
        assertThat(base.bars().get(0).text()).isEqualTo("success 50 %");
        assertThat(base.bars().get(1).width()).isZero();
        assertThat(base.bars().get(1).text()).isEqualTo("score no runs");
        MetricsChart.Group variant = chart.groups().get(1);
        assertThat(variant.bars().get(0).width()).isEqualTo(plot);
        assertThat(variant.bars().get(1).text()).isEqualTo("score 91.7 %");
        assertThat(chart.ticks()).extracting(MetricsChart.Tick::label).containsExactly("0 %", "25 %", "50 %", "75 %", "100 %");
    }

    @Test
    void longNamesAreCutWithTheFullNameKeptForTheTooltip() throws Exception {
        MetricsChart.Group variant = MetricsChart.rates(items()).groups().get(1);

        assertThat(variant.label()).hasSizeLessThanOrEqualTo(MetricsChart.LABEL_CHARS).endsWith("…");
        assertThat(variant.fullLabel()).isEqualTo("A variant with a much longer name than fits");
    }

    @Test
    void latencyIsScaledToARoundCeilingAboveTheSlowestP95() throws Exception {
        MetricsChart chart = MetricsChart.latency(items());

        assertThat(chart.ticks()).extracting(MetricsChart.Tick::label).containsExactly("0 ms", "125 ms", "250 ms", "375 ms",
                "500 ms");
        double plot = chart.plotRight() - chart.plotLeft();
        assertThat(chart.groups().get(1).bars().get(1).width()).isEqualTo(Math.round(420.0 / 500 * plot * 10) / 10.0);
        assertThat(chart.groups().get(1).bars().get(0).text()).isEqualTo("p50 250 ms");
    }

    @Test
    void barsAndLabelsStayInsideTheChart() throws Exception {
        for (MetricsChart chart : new MetricsChart[] { MetricsChart.rates(items()), MetricsChart.latency(items()),
                MetricsChart.tokens(items()) }) {
            chart.groups().forEach(group -> group.bars().forEach(bar -> {
                assertThat(chart.plotLeft() + bar.width()).isLessThanOrEqualTo(chart.plotRight());
                assertThat(bar.y() + 14).isLessThan(chart.axisY());
            }));
            assertThat(chart.tickLabelY()).isLessThan(chart.height());
        }
    }
}
