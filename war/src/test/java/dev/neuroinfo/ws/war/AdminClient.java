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
import java.util.Map;

/** The admin API of one deployment, used as an operator would: with the bootstrap admin token. */
final class AdminClient {
    /** An API token as the admin API created it. */
    record Token(String id, String secret) {
    }

    static final ObjectMapper JSON = new ObjectMapper();

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
        String body = JSON.writeValueAsString(Map.of("eventType", type.wireName(), "eventData", eventData));
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/admin/events"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(202, response.statusCode(), response.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.header("Authorization", "Bearer " + admin).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }
}
