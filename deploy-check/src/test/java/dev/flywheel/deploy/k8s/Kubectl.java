package dev.flywheel.deploy.k8s;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with {@code kubectl kustomize}: the very renderer {@code kubectl apply -k} uses, so
 * what the checks see is what a cluster would get.
 */
final class Kubectl {

    /** Setting that points at a kubectl binary other than the one on the PATH. */
    static final String BINARY_VARIABLE = "FLYWHEEL_KUBECTL";

    private static final long RENDER_TIMEOUT_SECONDS = 120;

    private Kubectl() {
    }

    static Optional<Path> binary() {
        String configured = System.getenv(BINARY_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "kubectl"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    static String kustomize(Path binary, Path kustomization) {
        try {
            Path errors = Files.createTempFile("kustomize", ".err");
            try {
                Process process = new ProcessBuilder(binary.toString(), "kustomize", kustomization.toString())
                        .redirectError(errors.toFile())
                        .start();
                byte[] output = process.getInputStream().readAllBytes();
                if (!process.waitFor(RENDER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("kubectl kustomize " + kustomization + " did not finish");
                }
                if (process.exitValue() != 0) {
                    throw new AssertionError("kubectl kustomize " + kustomization + " failed:\n" + Files.readString(errors));
                }
                return new String(output, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + binary, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while rendering " + kustomization, e);
        }
    }
}
