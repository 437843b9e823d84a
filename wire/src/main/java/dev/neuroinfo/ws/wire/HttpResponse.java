package dev.neuroinfo.ws.wire;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP response exactly as it came off the wire: status line, headers (names compared
 * case-insensitively, values untrimmed beyond HTTP's optional whitespace) and body bytes.
 *
 * @param status  the status code
 * @param reason  the reason phrase
 * @param headers header name (lower case) to values in arrival order
 * @param body    the body after transfer decoding
 */
public record HttpResponse(int status, String reason, Map<String, List<String>> headers, byte[] body) {
    public HttpResponse {
        headers = Map.copyOf(headers);
    }

    /** The first value of a header, if present. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** A one-line summary for evidence: status, content type and body. */
    public String summary() {
        return status + " " + reason + " [Content-Type: " + header("Content-Type").orElse("-") + "] body="
                + Evidence.quote(bodyText());
    }
}
