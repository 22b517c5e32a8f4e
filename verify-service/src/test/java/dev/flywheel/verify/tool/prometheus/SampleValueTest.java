package dev.flywheel.verify.tool.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Prometheus' Go float strings, read and written back. */
class SampleValueTest {

    @Test
    void goSpellingsOfNanAndInfinityAreRead() {
        assertThat(SampleValue.parse("NaN")).isNaN();
        assertThat(SampleValue.parse("+Inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(SampleValue.parse("-Inf")).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void ordinaryFloatsAreRead() {
        assertThat(SampleValue.parse("1")).isEqualTo(1.0);
        assertThat(SampleValue.parse("-0.25")).isEqualTo(-0.25);
        assertThat(SampleValue.parse("1.5e+09")).isEqualTo(1.5e9);
        assertThat(SampleValue.parse("1e+10")).isEqualTo(1e10);
        assertThat(SampleValue.parse("1e-07")).isEqualTo(1e-7);
    }

    @Test
    void javaOnlySpellingsAndWordsAreRefused() {
        for (String notGo : new String[] {"Infinity", "-Infinity", "nan", "0x1p3", "1d", "", " 1", "up"}) {
            assertThatThrownBy(() -> SampleValue.parse(notGo)).as(notGo).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void nonFiniteValuesAreWrittenAsPrometheusSpellsThem() {
        assertThat(SampleValue.toJson(Double.NaN).textValue()).isEqualTo("NaN");
        assertThat(SampleValue.toJson(Double.POSITIVE_INFINITY).textValue()).isEqualTo("+Inf");
        assertThat(SampleValue.toJson(Double.NEGATIVE_INFINITY).textValue()).isEqualTo("-Inf");
        assertThat(SampleValue.isNonFinite(SampleValue.toJson(Double.NaN))).isTrue();
        assertThat(SampleValue.isNonFinite(SampleValue.toJson(0.5))).isFalse();
        assertThat(SampleValue.isNonFinite(JsonNodeFactory.instance.textNode("a string"))).isFalse();
    }

    @Property
    void everyFiniteValueComesBackAsTheSameNumber(@ForAll double value) {
        // Java's shortest round-trip digits, in Go's exponent form (1.0e+10); Go itself writes 1e+10, tested above.
        String text = Double.toString(value).replace("E", "e+").replace("e+-", "e-");
        assertThat(SampleValue.toJson(SampleValue.parse(text)).doubleValue()).isEqualTo(value);
    }
}
