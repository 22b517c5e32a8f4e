package dev.flywheel.run.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which OpenAI-compatible servers are one's own (no paid-API limit by default) and which may be a paid API. */
class LocalServerTest {

    @Test
    void serversOnThisMachineOrAPrivateNetworkAreLocal() {
        assertThat(LocalServer.at("http://localhost:11434/v1")).isTrue();
        assertThat(LocalServer.at("http://127.0.0.1:8000/v1")).isTrue();
        assertThat(LocalServer.at("http://[::1]:8000/v1")).isTrue();
        assertThat(LocalServer.at("http://10.0.3.7/v1")).isTrue();
        assertThat(LocalServer.at("http://192.168.1.20:1234/v1")).isTrue();
        assertThat(LocalServer.at("http://ollama:11434/v1")).isTrue();
        assertThat(LocalServer.at("http://vllm.models.svc.cluster.local/v1")).isTrue();
    }

    @Test
    void publicHostsMayBePaidApis() {
        assertThat(LocalServer.at("https://api.openai.com/v1")).isFalse();
        assertThat(LocalServer.at("https://openrouter.ai/api/v1")).isFalse();
        assertThat(LocalServer.at("http://8.8.8.8/v1")).isFalse();
        assertThat(LocalServer.at("not a url")).isFalse();
    }
}
