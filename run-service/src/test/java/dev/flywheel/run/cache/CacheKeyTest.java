package dev.flywheel.run.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CacheKeyTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void theKeyIsTheSha256OfTheCanonicalJson() throws Exception {
        String key = CacheKey.of("Hi", "openai:gpt-4o", json("{\"temperature\":0.5}"), json("\"in\""), 0);
        String canonical = "{\"input_data\":\"in\",\"model\":\"openai:gpt-4o\",\"params\":{\"temperature\":0.5},\"prompt\":\"Hi\"}";
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        assertThat(key).isEqualTo(expected).hasSize(64);
    }

    @Test
    void keyOrderAtAnyLevelDoesNotChangeTheKey() throws Exception {
        String a = CacheKey.of("p", "m", json("{\"b\":1,\"a\":{\"y\":2,\"x\":[{\"k\":1,\"j\":2}]}}"), null, 0);
        String b = CacheKey.of("p", "m", json("{\"a\":{\"x\":[{\"j\":2,\"k\":1}],\"y\":2},\"b\":1}"), null, 0);
        assertThat(a).isEqualTo(b);
    }

    @Test
    void everyPartOfTheKeyMatters() throws Exception {
        String base = CacheKey.of("p", "m", json("{}"), json("\"i\""), 0);
        assertThat(CacheKey.of("q", "m", json("{}"), json("\"i\""), 0)).isNotEqualTo(base);
        assertThat(CacheKey.of("p", "n", json("{}"), json("\"i\""), 0)).isNotEqualTo(base);
        assertThat(CacheKey.of("p", "m", json("{\"t\":1}"), json("\"i\""), 0)).isNotEqualTo(base);
        assertThat(CacheKey.of("p", "m", json("{}"), json("\"j\""), 0)).isNotEqualTo(base);
    }

    @Test
    void repeatCountsOnlyAboveZero() throws Exception {
        String base = CacheKey.of("p", "m", json("{}"), null, 0);
        assertThat(CacheKey.of("p", "m", null, null, 0)).isEqualTo(base);
        assertThat(CacheKey.of("p", "m", json("{}"), null, 1)).isNotEqualTo(base);
        assertThat(CacheKey.of("p", "m", json("{}"), null, 2)).isNotEqualTo(CacheKey.of("p", "m", json("{}"), null, 1));
    }

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text);
    }
}
