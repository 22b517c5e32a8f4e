package dev.flywheel.verify.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SecretRedactorTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void valuesUnderSecretKeysAreRedactedAtAnyDepth() throws Exception {
        JsonNode clean = SecretRedactor.redact(mapper.readTree(
                "{\"url\":\"http://h/q\",\"api_key\":\"k-1\",\"nested\":{\"Password\":\"p\",\"items\":[{\"access_token\":\"t\"}]}}"));
        assertThat(clean.toString()).doesNotContain("k-1").doesNotContain("\"p\"").doesNotContain("\"t\"");
        assertThat(clean.path("api_key").asText()).isEqualTo(SecretRedactor.REDACTED);
        assertThat(clean.path("nested").path("items").path(0).path("access_token").asText()).isEqualTo(SecretRedactor.REDACTED);
        assertThat(clean.path("url").asText()).isEqualTo("http://h/q");
    }

    @Test
    void credentialsInsideTextAreRedacted() {
        assertThat(SecretRedactor.redact("http://admin:s3cret@db:5432/x?token=abc&page=2"))
                .isEqualTo("http://[REDACTED]@db:5432/x?token=[REDACTED]&page=2");
        assertThat(SecretRedactor.redact("Authorization: Bearer eyJhbGciOi.x.y")).doesNotContain("eyJhbGciOi");
    }

    @Test
    void theInputIsLeftUntouched() throws Exception {
        JsonNode original = mapper.readTree("{\"secret\":\"s\"}");
        SecretRedactor.redact(original);
        assertThat(original.path("secret").asText()).isEqualTo("s");
    }
}
