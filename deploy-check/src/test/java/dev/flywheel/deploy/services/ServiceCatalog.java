package dev.flywheel.deploy.services;

import dev.flywheel.deploy.Repo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The five deployable services (SPEC §2), each described from its own module's configuration so that the
 * deployment checks never repeat a port or a path by hand.
 */
public final class ServiceCatalog {

    /** Module folder names; a service's module, image, Deployment and compose service share the name. */
    public static final List<String> MODULES =
            List.of("gateway", "selftest-service", "variant-service", "run-service", "verify-service");

    private static final Pattern URL_VARIABLE = Pattern.compile("FLYWHEEL_[A-Z]+_URL");

    /** Quarkus's default size of both the reactive and the JDBC pool. */
    private static final String QUARKUS_POOL_SIZE = "20";

    /** The plumbing modules whose shared defaults a service built on them inherits (SPEC §1). */
    private static final List<String> COMMON_MODULES = List.of("common-http", "common-events");
    private static final String SHARED_DEFAULTS = "src/main/resources/META-INF/microprofile-config.properties";

    private ServiceCatalog() {
    }

    public static List<ServiceFacts> all() {
        return MODULES.stream().map(ServiceCatalog::describe).toList();
    }

    public static Map<String, ServiceFacts> byName() {
        return all().stream().collect(Collectors.toMap(ServiceFacts::name, Function.identity()));
    }

    public static ServiceFacts describe(String module) {
        return describe(module, Repo.root());
    }

    static ServiceFacts describe(String module, Path root) {
        Path own = root.resolve(module).resolve("src/main/resources/application.properties");
        // The shared defaults apply only to services built on the plumbing module that holds them.
        List<Path> layers = new ArrayList<>(List.of(own));
        for (String common : COMMON_MODULES) {
            if (dependsOn(root.resolve(module).resolve("pom.xml"), common)) {
                layers.add(root.resolve(common).resolve(SHARED_DEFAULTS));
            }
        }
        QuarkusProperties config = QuarkusProperties.of(layers.toArray(Path[]::new));

        String httpRoot = config.get("quarkus.http.root-path", "/");
        String nonApplicationRoot = resolve(httpRoot, config.get("quarkus.http.non-application-root-path", "q"));
        String healthRoot = resolve(nonApplicationRoot, config.get("quarkus.smallrye-health.root-path", "health"));
        Optional<String> schema = config.get("quarkus.flyway.schemas")
                .map(schemas -> Arrays.stream(schemas.split(",")).map(String::trim).findFirst().orElseThrow());
        return new ServiceFacts(module,
                Integer.parseInt(config.get("quarkus.http.port", "8080")),
                resolve(healthRoot, config.get("quarkus.smallrye-health.liveness-path", "live")),
                resolve(healthRoot, config.get("quarkus.smallrye-health.readiness-path", "ready")),
                resolve(healthRoot, config.get("quarkus.smallrye-health.startup-path", "started")),
                schema,
                urlVariablesRead(root.resolve(module).resolve("src/main")),
                Integer.parseInt(config.get("quarkus.datasource.reactive.max-size", QUARKUS_POOL_SIZE)),
                Integer.parseInt(config.get("quarkus.datasource.jdbc.max-size", QUARKUS_POOL_SIZE)));
    }

    private static Set<String> urlVariablesRead(Path sources) {
        if (!Files.isDirectory(sources)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(file -> file.toString().endsWith(".java") || file.toString().endsWith(".properties"))
                    .flatMap(file -> URL_VARIABLE.matcher(read(file)).results().map(MatchResult::group))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + sources, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static boolean dependsOn(Path pom, String common) {
        try {
            return Files.isRegularFile(pom)
                    && Files.readString(pom).contains("<artifactId>flywheel-" + common + "</artifactId>");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pom, e);
        }
    }

    /** Quarkus's rule for its path settings: an absolute path stands alone, a relative one hangs off its parent. */
    static String resolve(String parent, String path) {
        if (path.startsWith("/")) {
            return trimTrailingSlash(path);
        }
        return trimTrailingSlash(parent) + "/" + trimTrailingSlash(path);
    }

    private static String trimTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path.equals("/") ? "" : path;
    }
}
