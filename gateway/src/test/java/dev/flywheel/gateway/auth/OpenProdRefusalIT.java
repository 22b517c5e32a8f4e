package dev.flywheel.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged gateway, started in the prod profile without keys, refuses to run open (SPEC §8). */
class OpenProdRefusalIT {

    @Test
    void thePackagedGatewayWillNotStartWithoutKeys() throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", jar.toString()).redirectErrorStream(true);
        builder.environment().remove("GATEWAY_API_KEYS");
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        Process process = builder.start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!exited) {
            process.destroyForcibly();
        }

        assertThat(exited).as("the gateway must stop by itself; output:%n%s", output).isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(output).contains("gateway.api-keys");
    }
}
