package dev.flywheel.verify.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flywheel.common.problem.InvalidInput;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EvidenceCursorTest {

    @Test
    void aCursorDecodesToThePositionItWasMadeFrom() {
        EvidenceCursor cursor = new EvidenceCursor(Instant.parse("2026-11-21T12:00:00.123456Z"), UUID.randomUUID());

        assertThat(EvidenceCursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void anythingElseIsABadRequestNamingTheCursor() {
        for (String bad : new String[] { "", "%%%", "bm90LWEtY3Vyc29y", "MTox" }) {
            assertThatThrownBy(() -> EvidenceCursor.decode(bad)).as(bad).isInstanceOf(InvalidInput.class)
                    .hasMessageContaining("cursor");
        }
    }
}
