package dev.flywheel.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The five packaged services started as processes, once per test JVM, on free ports, against a database and
 * a Redis database of their own (so neither the module tests nor a running local suite are touched).
 * Test classes opt in with {@code @ExtendWith(Suite.class)} and reach it through {@link #get()}.
 */
public final class Suite implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {

    public static final String API_KEY = "e2e-" + UUID.randomUUID();
    /** Dropped and created afresh at start; FLYWHEEL_E2E_DATABASE moves it where several checkouts share a server. */
    static final String DATABASE = System.getenv().getOrDefault("FLYWHEEL_E2E_DATABASE", "flywheel_e2e");
    /** A Redis database far from the ones the module tests (1) and helpers' runs use (FLYWHEEL_E2E_REDIS_DB moves it). */
    static final int REDIS_DB = Integer.parseInt(System.getenv().getOrDefault("FLYWHEEL_E2E_REDIS_DB", "15"));
    /** Pub/sub ignores the database number: the suite's own prefix keeps its events off a running suite's channels. */
    static final String EVENTS_PREFIX = "flywheel-e2e-" + UUID.randomUUID();
    private static final List<String> SERVICES = List.of("variant-service", "run-service", "verify-service",
            "selftest-service", "gateway");
    private static volatile Suite running;

    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final List<Process> processes = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (Suite.class) {
            if (running == null) {
                Suite suite = new Suite();
                suite.start();
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(Suite.class.getName(), suite);
                running = suite;
            }
        }
    }

    public static Suite get() {
        return running;
    }

    public String gatewayUrl() {
        return url("gateway");
    }

    public String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    public int port(String service) {
        return ports.get(service);
    }

    private void start() throws Exception {
        Path root = Path.of(System.getProperty("flywheel.root", ".."));
        Path logs = Path.of("target", "e2e-logs");
        Files.createDirectories(logs);
        recreateDatabase(DATABASE);
        flushRedis();
        for (String service : SERVICES) {
            ports.put(service, freePort());
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://" + pgHost() + ":" + pgPort() + "/" + DATABASE);
        env.put("QUARKUS_DATASOURCE_USERNAME", pgUser());
        env.put("QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:" + redisPort() + "/" + REDIS_DB);
        env.put("FLYWHEEL_VARIANT_URL", url("variant-service"));
        env.put("FLYWHEEL_RUN_URL", url("run-service"));
        env.put("FLYWHEEL_VERIFY_URL", url("verify-service"));
        env.put("FLYWHEEL_SELFTEST_URL", url("selftest-service"));
        env.put("GATEWAY_API_KEYS", sha256(API_KEY) + ":read+write");
        env.put("FLYWHEEL_EVENTS_PREFIX", EVENTS_PREFIX);
        env.putAll(SuiteSettings.extra(this));
        for (String service : SERVICES) {
            Path jar = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: run ./mvnw verify from the root, which packages the"
                        + " services before this module");
            }
            ProcessBuilder builder = new ProcessBuilder("java", "-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                    "-jar", jar.toAbsolutePath().toString())
                    .redirectErrorStream(true)
                    .redirectOutput(logs.resolve(service + ".log").toFile());
            builder.environment().putAll(env);
            builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(ports.get(service)));
            processes.add(builder.start());
        }
        for (String service : SERVICES) {
            awaitReady(service, url(service), processes.get(SERVICES.indexOf(service)), logs.resolve(service + ".log"));
        }
    }

    @Override
    public void close() {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(Duration.ofSeconds(20).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        running = null;
    }

    /** Waits until the process started as {@code service} at {@code url} is ready; fails with its log if it exits. */
    static void awaitReady(String service, String url, Process process, Path log) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                .timeout(Duration.ofSeconds(3)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " exited during start:\n" + tail(log));
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(service + " was not ready after 240 s:\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    static void recreateDatabase(String database) throws SQLException {
        String url = "jdbc:postgresql://" + pgHost() + ":" + pgPort() + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, pgUser(), System.getenv()
                .getOrDefault("QUARKUS_DATASOURCE_PASSWORD", "")); Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
            statement.execute("create database " + database);
        }
    }

    /** Empties the suite's Redis database with a raw RESP exchange: streams left by an earlier run would be replayed. */
    private static void flushRedis() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", redisPort())) {
            OutputStream out = socket.getOutputStream();
            String db = String.valueOf(REDIS_DB);
            out.write(("*2\r\n$6\r\nSELECT\r\n$" + db.length() + "\r\n" + db + "\r\n*1\r\n$7\r\nFLUSHDB\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] reply = new byte[10];
            int read = 0;
            while (read < 10) {
                int n = socket.getInputStream().read(reply, read, 10 - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            if (!new String(reply, 0, read, StandardCharsets.US_ASCII).equals("+OK\r\n+OK\r\n")) {
                throw new IOException("Redis did not flush database " + REDIS_DB);
            }
        }
    }

    private static URI configuredPostgres() {
        String url = System.getenv("QUARKUS_DATASOURCE_REACTIVE_URL");
        return URI.create(url == null ? "postgresql://127.0.0.1:5432/flywheel_test" : url.replace("vertx-reactive:", ""));
    }

    static String pgHost() {
        return configuredPostgres().getHost();
    }

    static int pgPort() {
        int port = configuredPostgres().getPort();
        return port > 0 ? port : 5432;
    }

    static String pgUser() {
        return System.getenv().getOrDefault("QUARKUS_DATASOURCE_USERNAME", "postgres");
    }

    static int redisPort() {
        String hosts = System.getenv("QUARKUS_REDIS_HOSTS");
        int port = hosts == null ? -1 : URI.create(hosts.split(",")[0]).getPort();
        return port > 0 ? port : 6379;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
