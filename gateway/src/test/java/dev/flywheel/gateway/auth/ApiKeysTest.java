package dev.flywheel.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flywheel.gateway.GatewayConfig;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void aKeyIsKnownByItsHashOnlyWithItsScopes() {
        ApiKeys keys = new ApiKeys(config(ApiKeys.hash("k-write") + ":read+write", ApiKeys.hash("k-read") + ":read"));

        assertThat(keys.scopesOf("k-write")).contains(java.util.EnumSet.of(ApiKeys.Scope.READ, ApiKeys.Scope.WRITE));
        assertThat(keys.scopesOf("k-read")).contains(java.util.EnumSet.of(ApiKeys.Scope.READ));
        assertThat(keys.scopesOf("k-other")).isEmpty();
        assertThat(keys.scopesOf(ApiKeys.hash("k-write"))).as("the hash itself is not a key").isEmpty();
    }

    @Test
    void theHashIsHexSha256() {
        assertThat(ApiKeys.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void aMalformedEntryIsRefusedAtStart() {
        assertThatThrownBy(() -> new ApiKeys(config("plaintext-key:read")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("plaintext-key");
        assertThatThrownBy(() -> new ApiKeys(config(ApiKeys.hash("k") + ":admin")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readCoversSafeMethodsAndWriteTheRest() {
        assertThat(ApiKeyGuard.needs(HttpMethod.GET)).isEqualTo(ApiKeys.Scope.READ);
        assertThat(ApiKeyGuard.needs(HttpMethod.HEAD)).isEqualTo(ApiKeys.Scope.READ);
        assertThat(ApiKeyGuard.needs(HttpMethod.POST)).isEqualTo(ApiKeys.Scope.WRITE);
        assertThat(ApiKeyGuard.needs(HttpMethod.PATCH)).isEqualTo(ApiKeys.Scope.WRITE);
        assertThat(ApiKeyGuard.needs(HttpMethod.DELETE)).isEqualTo(ApiKeys.Scope.WRITE);
        assertThat(ApiKeyGuard.needs(HttpMethod.POST, "/api/templates/render")).isEqualTo(ApiKeys.Scope.READ);
        assertThat(ApiKeyGuard.needs(HttpMethod.PUT, "/api/templates/render")).isEqualTo(ApiKeys.Scope.WRITE);
        assertThat(ApiKeyGuard.needs(HttpMethod.POST, "/api/templates/render/x")).isEqualTo(ApiKeys.Scope.WRITE);
        assertThat(ApiKeyGuard.needs(HttpMethod.POST, "/api/experiments")).isEqualTo(ApiKeys.Scope.WRITE);
    }

    @Test
    void noKeysMeansNothingIsEnforced() {
        assertThat(new ApiKeys(config()).enforced()).isFalse();
        assertThat(new ApiKeys(config(ApiKeys.hash("k"))).enforced()).isTrue();
    }

    private static GatewayConfig config(String... entries) {
        return new GatewayConfig() {
            @Override
            public Optional<List<String>> apiKeys() {
                return Optional.of(List.of(entries));
            }

            @Override
            public Upstreams upstreams() {
                return null;
            }

            @Override
            public Client client() {
                return null;
            }

            @Override
            public Ui ui() {
                return null;
            }

            @Override
            public RateLimit rateLimit() {
                return null;
            }

            @Override
            public Cors cors() {
                return null;
            }
        };
    }
}
