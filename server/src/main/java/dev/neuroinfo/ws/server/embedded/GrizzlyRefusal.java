package dev.neuroinfo.ws.server.embedded;

import dev.neuroinfo.ws.protocol.HandshakeError;
import dev.neuroinfo.ws.server.ws.HandshakeErrorResponse;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.util.Header;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;

/** The neutral layer's refusal ({@link HandshakeErrorResponse}) copied onto a Grizzly response. */
final class GrizzlyRefusal {
    private GrizzlyRefusal() {
    }

    /** The whole refusal as the last content of {@code response}. */
    static HttpContent of(HttpResponsePacket response, HandshakeError error, MemoryManager memory) {
        HandshakeErrorResponse rendered = HandshakeErrorResponse.of(error);
        response.setProtocol(Protocol.HTTP_1_1);
        response.setStatus(rendered.status());
        response.setReasonPhrase(rendered.reason());
        // raw values: Grizzly drops setContentType() on requests that carry Upgrade, and
        // setHeader(Upgrade) would turn this response into an upgrade
        response.getHeaders().setValue(Header.ContentType).setString(rendered.contentType());
        rendered.headers().forEach((name, value) -> response.getHeaders().setValue(name).setString(value));
        response.setContentLength(rendered.body().length);
        // RFC 9110 9.3.2: a HEAD answer has the GET answer's headers and no body (a servlet container does this itself)
        boolean head = response.getRequest() != null && response.getRequest().getMethod() == Method.HEAD;
        return HttpContent.builder(response)
                .content(head ? Buffers.EMPTY_BUFFER : Buffers.wrap(memory, rendered.body()))
                .last(true)
                .build();
    }
}
