package dev.flywheel.verify.tool.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code verify.http-health.allowed-hosts} as its default reads with the compose peers set (SPEC §10). */
class AllowedHostsTest {

    /** The default with FLYWHEEL_SELFTEST_URL set as in compose and FLYWHEEL_RUN_URL as two replicas; the rest unset. */
    private static final AllowedHosts DEFAULT = AllowedHosts.of(List.of("loopback", ".svc", ".svc.cluster.local",
            "http://selftest-service:8081", "", "http://run-1:8083", "http://run-2:8083", "", ""));

    private static boolean allows(String url) {
        return DEFAULT.allows(URI.create(url).getHost());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:18081/q/health/ready", "http://localhost:18084/q/health/live",
            "http://LOCALHOST./q/health", "http://127.9.8.7/", "http://[::1]:18081/", "http://[0:0:0:0:0:0:0:1]/",
            "http://[::ffff:127.0.0.1]/"})
    void loopbackIsAllowed(String url) {
        assertThat(allows(url)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://selftest-service:8081/q/health/ready", "http://SELFTEST-SERVICE:9999/other",
            "http://run-1:8083/q/health", "http://run-2:8083/q/health"})
    void thePeersHostsAreAllowedOnAnyPortAndPath(String url) {
        assertThat(allows(url)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://variant-service.flywheel.svc:8082/q/health/ready",
            "https://api.prod.svc.cluster.local/q/health", "http://api.prod.svc.cluster.local./q/health"})
    void clusterServiceNamesAreAllowed(String url) {
        assertThat(allows(url)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data/", "http://metadata.google.internal/",
            "http://10.0.0.1/", "http://192.168.1.1/", "http://0.0.0.0:8081/", "http://example.com/",
            "http://svc/", "http://evil.svc.example.com/", "http://127.0.0.1.nip.io/", "http://localhost.evil.com/",
            "http://2130706433/", "http://selftest-service.evil.com/", "http://[fe80::1]/", "http://[::ffff:10.0.0.1]/",
            "http://127.0.0.1@evil.com/", "http://variant-service:8082/"})
    void everythingElseIsRefused(String url) {
        assertThat(allows(url)).isFalse();
    }

    @Test
    void aUrlWithoutAHostIsRefused() {
        assertThat(DEFAULT.allows(null)).isFalse();
        assertThat(DEFAULT.allows(" ")).isFalse();
    }

    @Test
    void withoutLoopbackInTheListLoopbackIsRefused() {
        AllowedHosts onlyOne = AllowedHosts.of(List.of("health.example.org"));
        assertThat(onlyOne.allows("health.example.org")).isTrue();
        assertThat(onlyOne.allows("127.0.0.1")).isFalse();
        assertThat(onlyOne.allows("localhost")).isFalse();
        assertThat(onlyOne.allows("x.health.example.org")).isFalse();
    }

    @Test
    void aUrlEntryWithoutAHostIsAConfigurationError() {
        assertThatThrownBy(() -> AllowedHosts.of(List.of("file:///etc/passwd")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("verify.http-health.allowed-hosts");
    }
}
