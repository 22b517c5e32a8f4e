import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fixed-rate load (wrk2-style): requests are scheduled at a constant rate and each latency is measured from the
 * moment the request was due, so a stall shows up in the percentiles instead of hiding behind fewer requests.
 * Usage: java [-Dwarmup=false] FixedRate.java <rate/s> <seconds> <urls-file> [bearer-key]
 */
public class FixedRate {

    public static void main(String[] args) throws Exception {
        int rate = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        List<String> urls = Files.readAllLines(Path.of(args[2])).stream().filter(s -> !s.isBlank()).toList();
        String key = args.length > 3 ? args[3] : null;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(2)).build();

        // Warm-up so the first figures are not connection set-up; off (-Dwarmup=false) when the first request
        // to each URL is the thing measured.
        if (Boolean.parseBoolean(System.getProperty("warmup", "true"))) {
            for (String url : urls.subList(0, Math.min(urls.size(), 200))) {
                client.send(request(url, key), HttpResponse.BodyHandlers.discarding());
            }
        }

        long total = (long) rate * seconds;
        long intervalNanos = 1_000_000_000L / rate;
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong failures = new AtomicLong();
        CompletableFuture<?>[] inflight = new CompletableFuture<?>[(int) total];
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            String url = urls.get(i % urls.size());
            inflight[i] = client.sendAsync(request(url, key), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        latencies.add(System.nanoTime() - due);
                        if (error != null || response.statusCode() / 100 != 2) {
                            failures.incrementAndGet();
                        }
                    });
        }
        CompletableFuture.allOf(inflight).exceptionally(e -> null).join();
        double elapsed = (System.nanoTime() - start) / 1e9;

        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("requests=%d achieved_rate=%.0f/s failures=%d%n", sorted.length, sorted.length / elapsed,
                failures.get());
        System.out.printf("p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f%n", pct(sorted, 50),
                pct(sorted, 90), pct(sorted, 99), pct(sorted, 99.9), sorted[sorted.length - 1] / 1e6);
        System.exit(0);
    }

    private static HttpRequest request(String url, String key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        return builder.build();
    }

    private static double pct(long[] sorted, double p) {
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
