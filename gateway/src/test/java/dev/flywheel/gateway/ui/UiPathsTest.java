package dev.flywheel.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UiPathsTest {

    @ParameterizedTest
    @ValueSource(strings = { "3f2a9c1e-8f0b-4b57-9d1e-0c3a5f7b9d21", "inc-42", "alert:web.1", "base" })
    void idsPassUnchanged(String id) {
        assertThat(UiPaths.id(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = { "..", ".", "../api/runs", "a/b", "a?b=c", "a b", "", "%2e%2e" })
    void anythingElseIsA404(String id) {
        assertThatThrownBy(() -> UiPaths.id(id)).isInstanceOf(UiRefusal.class)
                .extracting(e -> ((UiRefusal) e).status()).isEqualTo(404);
    }

    @Test
    void queryValuesAreEncodedAndBlankOnesLeftOut() {
        assertThat(UiPaths.query("limit", "100", "cursor", null, "since", "a&b=c d"))
                .isEqualTo("?limit=100&since=a%26b%3Dc+d");
        assertThat(UiPaths.query("cursor", " ")).isEmpty();
    }
}
