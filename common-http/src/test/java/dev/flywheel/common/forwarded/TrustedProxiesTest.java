package dev.flywheel.common.forwarded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    @Test
    void theLocalDefaultTrustsLoopbackOfBothFamilies() {
        // ::1 as a block: Quarkus' own check reads a bare "::1" as a host name (e2e KeepAliveIT).
        TrustedProxies trusted = TrustedProxies.of(true, Optional.of(List.of("127.0.0.1", "::1/128")));

        assertThat(trusted.trusts("127.0.0.1")).isTrue();
        assertThat(trusted.trusts("::ffff:127.0.0.1")).isTrue();
        assertThat(trusted.trusts("::1")).isTrue();
        assertThat(trusted.trusts("::2")).isFalse();
    }

    @Test
    void addressesAndBlocksOfBothFamiliesAreMatched() {
        TrustedProxies trusted = TrustedProxies.of(true, Optional.of(List.of("127.0.0.1", "10.0.0.0/8", "::1",
                "fd00::/8")));

        assertThat(trusted.trusts("127.0.0.1")).isTrue();
        assertThat(trusted.trusts("10.42.7.9")).isTrue();
        assertThat(trusted.trusts("::1")).isTrue();
        assertThat(trusted.trusts("fd12:3456::1")).isTrue();
        assertThat(trusted.trusts("::ffff:10.1.2.3")).as("IPv4-mapped IPv6").isTrue();
        assertThat(trusted.trusts("127.0.0.2")).isFalse();
        assertThat(trusted.trusts("11.0.0.1")).isFalse();
        assertThat(trusted.trusts("fe80::1")).isFalse();
    }

    @Test
    void nobodyIsTrustedWhenForwardingIsOffOrTheListIsEmpty() {
        assertThat(TrustedProxies.of(false, Optional.of(List.of("0.0.0.0/0"))).trusts("127.0.0.1")).isFalse();
        assertThat(TrustedProxies.of(true, Optional.empty()).trusts("127.0.0.1")).isFalse();
        // ClientAddress then skips the peer's address altogether.
        assertThat(TrustedProxies.of(false, Optional.of(List.of("0.0.0.0/0"))).trustsAnyone()).isFalse();
        assertThat(TrustedProxies.of(true, Optional.empty()).trustsAnyone()).isFalse();
        assertThat(TrustedProxies.of(true, Optional.of(List.of("10.0.0.0/8"))).trustsAnyone()).isTrue();
    }

    @Test
    void aNameIsNeverLookedUpAndNeverTrusted() {
        TrustedProxies trusted = TrustedProxies.of(true, Optional.of(List.of("127.0.0.0/8")));
        assertThat(trusted.trusts("localhost")).isFalse();
        assertThat(trusted.trusts("127.0.0.1.evil.example")).isFalse();
    }

    @Test
    void aBlockThatIsNoAddressStopsTheStart() {
        assertThatThrownBy(() -> TrustedProxies.of(true, Optional.of(List.of("ingress.example/24"))))
                .hasMessageContaining("ingress.example/24");
        assertThatThrownBy(() -> TrustedProxies.of(true, Optional.of(List.of("10.0.0.0/33"))))
                .hasMessageContaining("out of range");
    }
}
