package dev.flywheel.common.requestid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void aMadeIdIsARandomVersion4UuidAndNeverRepeats() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestIds.sanitize(null);
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(seen.add(id)).as("id %s made twice", id).isTrue();
        }
    }

    @Test
    void anUnsafeCallerIdIsReplacedAndASafeOneKept() {
        assertThat(RequestIds.sanitize("abc-123:x")).isEqualTo("abc-123:x");
        assertThat(RequestIds.sanitize("bad id\nwith a newline")).isNotEqualTo("bad id\nwith a newline")
                .matches("[0-9a-f-]{36}");
    }
}
