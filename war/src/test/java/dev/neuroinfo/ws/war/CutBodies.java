package dev.neuroinfo.ws.war;

import dev.neuroinfo.ws.wire.Sockets;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Admin requests whose body never arrives whole, sent on raw sockets: the body announced with a
 * {@code Content-Length} or chunked, cut half-way by the client. A cut ends either with a close
 * the server learns of by reading (end of stream, as when a client goes away) or with a reset.
 */
final class CutBodies {
    /** How long a cut request may wait for the server to answer or close. */
    private static final Duration ANSWER = Duration.ofSeconds(30);
    private static final String BODY = "{\"user\":\"cut-body\",\"unlimited\":false}";

    private final URI http;
    private final String admin;

    /**
     * @param http  the deployment's base URL
     * @param admin the admin token, for requests that would otherwise be refused before their body is read
     */
    CutBodies(URI http, String admin) {
        this.http = http;
        this.admin = admin;
    }

    /**
     * Cuts a body in each framing with a reset (the server is not awaited: there is nothing left
     * to read it on), then in each framing with the end of the client's stream, reading until the
     * server has answered and closed, which says that it is done with the request.
     *
     * @return what the server answered to each cut that it could answer: its status line and
     *         content type, or how the connection ended without an answer
     */
    List<String> cutEach() throws IOException {
        String announced = framing("Content-Length: " + (BODY.length() + 100)) + BODY.substring(0, 12);
        // a chunk that announces 64 bytes and stops after 12 of them
        String chunked = framing("Transfer-Encoding: chunked") + "40\r\n" + BODY.substring(0, 12);
        reset(announced);
        reset(chunked);
        List<String> answers = new ArrayList<>();
        answers.add("announced: " + endOfStream(announced));
        answers.add("chunked: " + endOfStream(chunked));
        return answers;
    }

    /** The request's head for the token endpoint, with the body's framing header. */
    private String framing(String header) {
        return "POST /api/admin/tokens HTTP/1.1\r\nHost: " + Sockets.hostHeader(http) + "\r\nAuthorization: Bearer "
                + admin + "\r\nContent-Type: application/json\r\n" + header + "\r\n\r\n";
    }

    /** Sends the cut request and drops the connection with a reset (no linger). */
    private void reset(String request) throws IOException {
        try (Socket socket = Sockets.open(http, ANSWER)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            socket.setSoLinger(true, 0);
        }
    }

    /**
     * Sends the cut request and ends the client's stream, as a close does, then reads until the
     * server closes: the server reads the same end of the body as after a close, and its answer
     * (or its close without one) shows that it has dealt with the request.
     */
    private String endOfStream(String request) throws IOException {
        try (Socket socket = Sockets.open(http, ANSWER)) {
            socket.setSoTimeout((int) ANSWER.toMillis());
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            byte[] answer;
            try {
                answer = in.readAllBytes();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server neither answered nor closed within " + ANSWER.toSeconds() + " s", e);
            } catch (IOException reset) {
                return "no answer (" + reset.getClass().getSimpleName() + ")";
            }
            String text = new String(answer, StandardCharsets.ISO_8859_1);
            if (text.isEmpty()) {
                return "no answer (closed)";
            }
            // the status line and the body's type: the API's own JSON or a page of the container's
            String type = text.lines().filter(line -> line.regionMatches(true, 0, "Content-Type:", 0, 13))
                    .findFirst().orElse("no Content-Type");
            return text.lines().findFirst().orElse("") + ", " + type;
        }
    }
}
