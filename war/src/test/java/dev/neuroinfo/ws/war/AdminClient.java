package dev.neuroinfo.ws.war;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neuroinfo.ws.protocol.EventType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The admin API of one deployment, used as an operator would: with the bootstrap admin token. */
final class AdminClient {
    /** An API token as the admin API created it. */
    record Token(String id, String secret) {
    }

    static final ObjectMapper JSON = new ObjectMapper();
    /** How long one request may take. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Publish requests sent before the first is answered: enough to keep a container's request threads busy. */
    private static final int IN_FLIGHT = 8;

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;
    private final String admin;

    /**
     * @param base    the deployment's base URL (with its context path, no trailing slash)
     * @param dataDir the deployment's data directory, where the first start wrote admin.token
     */
    AdminClient(URI base, Path dataDir) throws IOException {
        this.base = base;
        this.admin = Files.readString(dataDir.resolve("admin.token"), StandardCharsets.UTF_8).trim();
    }

    String adminToken() {
        return admin;
    }

    /** Creates an API token through {@code POST /api/admin/tokens}. */
    Token create(String user, boolean unlimited) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/admin/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("user", user, "unlimited", unlimited)))));
        assertEquals(201, response.statusCode(), response.body());
        JsonNode data = JSON.readTree(response.body()).path("data");
        return new Token(data.path("id").asText(), data.path("token").asText());
    }

    /** Revokes a token through {@code DELETE /api/admin/tokens/{id}} (ADM-6). */
    void revoke(Token token) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/admin/tokens/" + token.id())).DELETE());
        assertEquals(204, response.statusCode(), response.body());
    }

    /** Publishes one event through {@code POST /api/admin/events} (ADM-2). */
    void publish(EventType type, Object eventData) throws IOException, InterruptedException {
        HttpResponse<String> response = send(publishRequest(type, eventData));
        assertEquals(202, response.statusCode(), response.body());
    }

    private HttpRequest.Builder publishRequest(EventType type, Object eventData) throws IOException {
        String body = JSON.writeValueAsString(Map.of("eventType", type.wireName(), "eventData", eventData));
        return HttpRequest.newBuilder(uri("/api/admin/events")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /**
     * Publishes events through {@code POST /api/admin/events} (ADM-2), {@value #IN_FLIGHT} requests
     * at a time: their order among each other is not kept.
     */
    void publishAll(EventType type, List<?> events) throws Exception {
        Semaphore window = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (Object eventData : events) {
            if (!window.tryAcquire(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new TimeoutException("no publish request answered within " + TIMEOUT.toSeconds() + " s");
            }
            answers.add(http.sendAsync(request(publishRequest(type, eventData)), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> window.release()));
        }
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(202, response.statusCode(), response.body());
        }
    }

    /** The sum of the deployment's metrics samples whose lines start with {@code prefix}, e.g. a name and "{". */
    double metricSum(String prefix) throws IOException, InterruptedException {
        HttpResponse<String> scrape = send(HttpRequest.newBuilder(uri("/metrics")));
        assertEquals(200, scrape.statusCode(), scrape.body());
        return scrape.body().lines().filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf('}') + 1).trim().split(" ")[0]))
                .sum();
    }

    /** The value of the sample starting with {@code prefix} in a Prometheus text exposition. */
    static Optional<Double> sample(String exposition, String prefix) {
        return exposition.lines().filter(line -> line.startsWith(prefix)).findFirst()
                .map(line -> Double.parseDouble(line.substring(prefix.length()).trim().split(" ")[0]));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request(request), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(HttpRequest.Builder request) {
        return request.header("Authorization", "Bearer " + admin).timeout(TIMEOUT).build();
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }
}
