package dev.neuroinfo.ws.server.http;

import static dev.neuroinfo.ws.server.http.TicketEndpointTest.assertJsonNoStore;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neuroinfo.ws.protocol.ApiError;
import dev.neuroinfo.ws.protocol.Limits;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Request bodies over the limit are refused with 413 AP4, whether their length is announced or not. */
class RequestBodyLimitTest {
    private static final String EVENTS = "/api/admin/events";
    private static final String OFFLINE = "{\"eventType\":\"streamOffline\",\"eventData\":{\"isLive\":false}}";
    private static final String TOO_LARGE = new MessageCodec().encodeApiError(ApiError.AP4,
            ApiError.AP4.message() + ": at most " + Limits.MAX_REQUEST_BODY_BYTES + " bytes");

    @TempDir
    Path dataDir;

    private ApiServer server;
    private String admin;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        server = ApiServer.start(dataDir);
        admin = ApiServer.bearer(server.adminToken());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aTenMegabyteBodyIsRefusedWith413() throws Exception {
        byte[] body = padded(10 * 1024 * 1024);
        assertTooLarge(post(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertEquals(0, server.publisher.events.size());
    }

    @Test
    void aChunkedBodyWithoutContentLengthIsCutAtTheLimit() throws Exception {
        // smaller than the announced one: the server reads the rest of a chunked body to discard it
        byte[] body = padded(2 * 1024 * 1024);
        assertTooLarge(post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
        assertEquals(0, server.publisher.events.size());
    }

    @Test
    void aBodyExactlyAtTheLimitIsReadAndOneByteMoreIsNot() throws Exception {
        HttpResponse<String> atLimit = post(HttpRequest.BodyPublishers.ofByteArray(padded(Limits.MAX_REQUEST_BODY_BYTES)));
        assertEquals(202, atLimit.statusCode(), atLimit.body());
        HttpResponse<String> chunkedAtLimit = post(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(padded(Limits.MAX_REQUEST_BODY_BYTES))));
        assertEquals(202, chunkedAtLimit.statusCode(), chunkedAtLimit.body());
        assertTooLarge(post(HttpRequest.BodyPublishers.ofByteArray(padded(Limits.MAX_REQUEST_BODY_BYTES + 1))));
        assertEquals(2, server.publisher.events.size());
    }

    /** A valid event body, padded with trailing JSON whitespace to exactly {@code size} bytes. */
    private static byte[] padded(int size) {
        return (OFFLINE + " ".repeat(size - OFFLINE.length())).getBytes(StandardCharsets.US_ASCII);
    }

    private HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
        return http.send(HttpRequest.newBuilder(server.base().resolve(EVENTS)).timeout(Duration.ofSeconds(30))
                .header("Authorization", admin).header("Content-Type", "application/json").POST(body).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertTooLarge(HttpResponse<String> response) {
        assertEquals(ApiError.AP4.status(), response.statusCode(), response.body());
        assertEquals(TOO_LARGE, response.body());
        assertJsonNoStore(response);
    }
}
