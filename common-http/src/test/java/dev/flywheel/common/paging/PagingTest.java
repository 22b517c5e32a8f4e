package dev.flywheel.common.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flywheel.common.problem.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PagingTest {

    @Test
    void anAbsentLimitIsTheDefaultAndAValidOneIsKept() {
        assertThat(Limit.parse(null)).isEqualTo(50);
        assertThat(Limit.parse(" ")).isEqualTo(50);
        assertThat(Limit.parse("1")).isEqualTo(1);
        assertThat(Limit.parse(" 500 ")).isEqualTo(500);
    }

    @ParameterizedTest
    @ValueSource(strings = { "abc", "0", "-1", "501", "1.5", "9223372036854775808", "1e400", "\u0000" })
    void anyOtherLimitIsRefusedNamingTheParameter(String value) {
        assertThatThrownBy(() -> Limit.parse(value)).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.errors()).extracting(f -> f.field()).containsExactly("limit"));
    }

    @Test
    void aTimeAndIdCursorSurvivesTheRoundTripToNanoseconds() {
        Cursor cursor = new Cursor(Instant.parse("2026-01-31T10:00:00.123456789Z"), UUID.randomUUID());
        assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(Cursor.decode(null)).isNull();
        assertThat(Cursor.decode("")).isNull();
    }

    @Test
    void aSequenceCursorSurvivesTheRoundTrip() {
        assertThat(Cursor.sequence(Cursor.ofSequence(42))).isEqualTo(42L);
        assertThat(Cursor.sequence(null)).isNull();
    }

    @Test
    void aCursorOfTheOtherKindIsRefused() {
        String timeAndId = new Cursor(Instant.now(), UUID.randomUUID()).encode();
        assertRefused(() -> Cursor.sequence(timeAndId));
        assertRefused(() -> Cursor.decode(Cursor.ofSequence(7)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "abc", "!!!//", "eyJ4IjoxfQ", "dDoxOjI6bm90LWEtdXVpZA" })
    void aCursorThisServiceDidNotHandOutIsRefusedNamingTheParameter(String value) {
        assertRefused(() -> Cursor.decode(value));
        assertRefused(() -> Cursor.sequence(value));
    }

    @Test
    void anOverlongCursorIsRefusedBeforeDecoding() {
        String padded = Base64.getUrlEncoder().encodeToString(("s:1" + " ".repeat(300)).getBytes(StandardCharsets.UTF_8));
        assertRefused(() -> Cursor.sequence(padded));
    }

    @Test
    void aPageHasTheCursorOfItsLastItemOnlyWhenMoreRowsExist() {
        Page<String> full = Page.of(List.of(1, 2, 3), 2, row -> "after-" + row, row -> "item-" + row);
        assertThat(full.items()).containsExactly("item-1", "item-2");
        assertThat(full.nextCursor()).isEqualTo("after-2");

        Page<String> last = Page.of(List.of(1, 2), 2, row -> "after-" + row, row -> "item-" + row);
        assertThat(last.items()).containsExactly("item-1", "item-2");
        assertThat(last.nextCursor()).isNull();
    }

    @Test
    void queryValuesAreReadOrRefusedNamingTheParameter() {
        UUID id = UUID.randomUUID();
        assertThat(QueryValues.uuid("experiment_id", id.toString())).isEqualTo(id);
        assertThat(QueryValues.uuid("experiment_id", null)).isNull();
        assertThat(QueryValues.instant("since", "2026-01-31T10:00:00+01:00"))
                .isEqualTo(Instant.parse("2026-01-31T09:00:00Z"));
        assertThat(QueryValues.oneOf("status", "running", List.of("pending", "running"))).isEqualTo("running");
        assertRefusedNaming("experiment_id", () -> QueryValues.uuid("experiment_id", "not-a-uuid"));
        assertRefusedNaming("experiment_id", () -> QueryValues.uuid("experiment_id", "1-1-1-1-1"));
        assertRefusedNaming("since", () -> QueryValues.instant("since", "yesterday"));
        assertRefusedNaming("status", () -> QueryValues.oneOf("status", "done", List.of("pending", "running")));
    }

    private static void assertRefused(Runnable read) {
        assertRefusedNaming("cursor", read);
    }

    private static void assertRefusedNaming(String parameter, Runnable read) {
        assertThatThrownBy(read::run).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.errors()).extracting(f -> f.field()).containsExactly(parameter));
    }
}
