package dev.flywheel.gateway.ui.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class MetricsChartTest {

    @Test
    void barsAreProportionalClampedAndZeroWhenUnknown() throws Exception {
        MetricsChart chart = MetricsChart.of(new ObjectMapper().readTree("["
                + "{\"variant_id\":null,\"success_rate\":0.25,\"mean_score\":null},"
                + "{\"variant_id\":\"v\",\"variant_name\":\"Fast\",\"success_rate\":1.7,\"mean_score\":0.5}]"));

        assertThat(chart.bars()).hasSize(2);
        MetricsChart.Bar base = chart.bars().get(0);
        assertThat(base.base()).isTrue();
        assertThat(base.label()).isEqualTo("base");
        assertThat(base.successWidth()).isEqualTo(90);
        assertThat(base.scoreWidth()).isZero();
        assertThat(base.score()).isEqualTo("n/a");
        MetricsChart.Bar fast = chart.bars().get(1);
        assertThat(fast.successWidth()).isEqualTo(MetricsChart.BAR_SPACE);
        assertThat(fast.scoreWidth()).isEqualTo(180);
        assertThat(fast.y()).isGreaterThan(base.y());
        assertThat(chart.height()).isGreaterThan(fast.y() + 30);
    }
}
