package dev.flywheel.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The numbers and times the issue found raw on the pages, as they read now. */
class FormatsTest {

    @Test
    void numbersHaveThreeSignificantDigitsAndWholeNumbersAreGrouped() {
        assertThat(Formats.num(174.39999999999998)).isEqualTo("174");
        assertThat(Formats.num(0.9166666666666666)).isEqualTo("0.917");
        assertThat(Formats.num(12345)).isEqualTo("12,345");
        assertThat(Formats.num(1234.5)).isEqualTo("1,235");
        assertThat(Formats.num(0)).isEqualTo("0");
        assertThat(Formats.num(new BigDecimal("2.50"))).isEqualTo("2.5");
        assertThat(Formats.num(null)).isEqualTo("—");
        assertThat(Formats.num("not a number")).isEqualTo("—");
    }

    @Test
    void ratesArePercentagesAndScoresHaveTwoDecimals() {
        assertThat(Formats.pct(0.9166666666666666)).isEqualTo("91.7 %");
        assertThat(Formats.pct(1.0)).isEqualTo("100 %");
        assertThat(Formats.pct(0)).isEqualTo("0 %");
        assertThat(Formats.pct(null)).isEqualTo("—");
        assertThat(Formats.score(0.9166666666666666)).isEqualTo("0.92");
        assertThat(Formats.score(1)).isEqualTo("1.00");
        assertThat(Formats.score(null)).isEqualTo("—");
    }

    @Test
    void latenciesAreMillisecondsBelowASecondAndSecondsAbove() {
        assertThat(Formats.ms(174.39999999999998)).isEqualTo("174 ms");
        assertThat(Formats.ms(1234)).isEqualTo("1.23 s");
        assertThat(Formats.ms(61_000)).isEqualTo("61 s");
        assertThat(Formats.ms(null)).isEqualTo("—");
    }

    @Test
    void timesAreRelativeWithTheExactUtcTimeAvailable() {
        assertThat(Formats.relative(Duration.ofSeconds(10))).isEqualTo("just now");
        assertThat(Formats.relative(Duration.ofMinutes(5))).isEqualTo("5 min ago");
        assertThat(Formats.relative(Duration.ofHours(3))).isEqualTo("3 h ago");
        assertThat(Formats.relative(Duration.ofDays(1))).isEqualTo("1 day ago");
        assertThat(Formats.relative(Duration.ofDays(9))).isEqualTo("9 days ago");
        assertThat(Formats.relative(Duration.ofMinutes(-4))).isEqualTo("in 4 min");
        assertThat(Formats.utc("2026-11-29T12:36:56.195306042Z")).isEqualTo("2026-11-29 12:36:56 UTC");
        assertThat(Formats.ago(Instant.now().minusSeconds(7200).toString())).isEqualTo("2 h ago");
        assertThat(Formats.ago("yesterday")).isEqualTo("—");
    }

    @Test
    void textsAreCutWithAnEllipsisAndFieldNamesReadAsWords() {
        assertThat(Formats.cut("short", 10)).isEqualTo("short");
        assertThat(Formats.cut("a prompt\nover   two lines that is long", 16)).isEqualTo("a prompt over…");
        assertThat(Formats.field("model_name")).isEqualTo("Model name");
        assertThat(Formats.field("prompt_template_2")).isEqualTo("Prompt template 2");
        assertThat(Formats.join(List.of("model", "prompt"))).isEqualTo("model, prompt");
        assertThat(Formats.shortId("0123456789abcdef")).isEqualTo("01234567");
    }
}
