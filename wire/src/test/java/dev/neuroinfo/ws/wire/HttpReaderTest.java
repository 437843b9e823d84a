package dev.neuroinfo.ws.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Responses read off a stream that carries a second one after them, as on a kept-alive connection. */
class HttpReaderTest {
    private static final String CHUNKED = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=value\r\nhello\r\n7\r\n, world\r\n0\r\nTrailer: ignored\r\n\r\n";
    private static final String SIZED = "HTTP/1.1 401 Unauthorized\r\nContent-Length: 4\r\n\r\nnope";
    private static final String NEXT = "HTTP/1.1 204 No Content\r\n\r\n";

    @Test
    void aChunkedBodyIsDecodedUpToItsTrailers() throws IOException {
        InputStream in = stream(CHUNKED + NEXT);
        HttpReader.Head head = HttpReader.readHead(in);
        assertEquals(200, head.status());
        assertEquals("hello, world", text(HttpReader.readBody(in, head, false)));
        assertEquals(204, HttpReader.readHead(in).status(), "the stream is left at the next response");
    }

    @Test
    void aBodyOfAContentLengthIsThatManyBytes() throws IOException {
        InputStream in = stream(SIZED + NEXT);
        HttpReader.Head head = HttpReader.readHead(in);
        assertEquals("nope", text(HttpReader.readBody(in, head, false)));
        assertEquals(204, HttpReader.readHead(in).status(), "the stream is left at the next response");
    }

    @Test
    void theBytesOfAWholeResponseKeepTheChunkFraming() throws IOException {
        InputStream in = stream(CHUNKED + NEXT);
        assertEquals(CHUNKED, text(HttpReader.readResponseBytes(in, false)));
        assertEquals(NEXT, text(HttpReader.readResponseBytes(in, false)));
    }

    @Test
    void theBytesOfAResponseToHeadAreItsHeadAlone() throws IOException {
        String head = "HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\n";
        InputStream in = stream(head + NEXT);
        assertEquals(head, text(HttpReader.readResponseBytes(in, true)));
        assertEquals(NEXT, text(HttpReader.readResponseBytes(in, false)));
    }

    private static InputStream stream(String bytes) {
        return new ByteArrayInputStream(bytes.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
