package dev.neuroinfo.ws.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls a running server's admin API. Every failure becomes a {@link CliException} whose message
 * is fit for the operator: the server's error code and message for a 4xx/5xx answer, or why the
 * server could not be reached. Messages never contain the admin token.
 */
final class AdminClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();

    AdminClient(String baseUrl, String token) throws CliException {
        try {
            URI uri = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            this.base = uri;
        } catch (IllegalArgumentException e) {
            throw new CliException("--http must be an http:// or https:// URL, was '" + baseUrl + "'.");
        }
        this.token = token;
    }

    /** GET a path; the parsed body of a 2xx answer. */
    JsonNode get(String path) throws CliException {
        return send(request(path).GET());
    }

    /** POST a JSON body; the parsed body of a 2xx answer. */
    JsonNode post(String path, String json) throws CliException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** DELETE a path; succeeds on any 2xx answer. */
    void delete(String path) throws CliException {
        send(request(path).DELETE());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token);
    }

    private JsonNode send(HttpRequest.Builder request) throws CliException {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new CliException("Cannot reach the server at " + base + " (is it running? see --http).");
        } catch (IOException e) {
            throw new CliException("Talking to the server at " + base + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted.");
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            JsonNode error = body == null ? null : body.path("error");
            if (error != null && error.path("code").isTextual()) {
                throw new CliException("Server answered " + response.statusCode() + ": " + error.path("code").asText()
                        + " " + error.path("message").asText());
            }
            throw new CliException("Server answered " + response.statusCode() + " (not a NeuroInfo server at "
                    + base + "?).");
        }
        return body;
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
