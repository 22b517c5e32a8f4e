import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Submits N verifications with a warmup of W seconds all at once, then waits until every one is done and
 * prints the time from the first submission to the last completion.
 * Usage: java VerifyFanout.java <verify-service-url> <count> <warmup-seconds>
 */
public class VerifyFanout {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([a-z]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int count = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        Instant start = Instant.now();
        List<CompletableFuture<String>> submissions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String body = "{\"incident\":{\"incident_id\":\"bench-" + start.toEpochMilli() + "-" + i
                    + "\",\"signals\":[{\"labels\":{\"alertname\":\"BenchAlert\"}}]},"
                    + "\"action_taken\":\"kubectl rollout restart deployment/bench\",\"warmup_sec\":" + warmup + "}";
            submissions.add(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/verifications"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> {
                        if (response.statusCode() != 202) {
                            throw new IllegalStateException("submission answered " + response.statusCode() + ": " + response.body());
                        }
                        Matcher id = ID.matcher(response.body());
                        id.find();
                        return id.group(1);
                    }));
        }
        List<String> ids = submissions.stream().map(CompletableFuture::join).toList();
        double submittedAfter = Duration.between(start, Instant.now()).toMillis() / 1000.0;

        List<String> pending = new ArrayList<>(ids);
        while (!pending.isEmpty()) {
            List<CompletableFuture<Boolean>> checks = pending.stream().map(id -> client.sendAsync(
                    HttpRequest.newBuilder(URI.create(base + "/api/verifications/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
                        Matcher status = STATUS.matcher(r.body());
                        return status.find() && status.group(1).equals("done");
                    })).toList();
            List<String> still = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                if (!checks.get(i).join()) {
                    still.add(pending.get(i));
                }
            }
            pending = still;
            if (!pending.isEmpty()) {
                Thread.sleep(50);
            }
        }
        double total = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        System.out.printf("submitted=%d submit_s=%.2f all_done_s=%.2f%n", ids.size(), submittedAfter, total);
    }
}
