package dev.neuroinfo.ws.wire;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads an HTTP/1.1 response head and body from a raw stream, without interpreting anything. */
public final class HttpReader {
    private static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_BODY = 1024 * 1024;

    private HttpReader() {
    }

    /** Status line and headers; the stream is left at the first body byte. */
    public static Head readHead(InputStream in) throws IOException {
        String statusLine = readLine(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP status line: " + Evidence.quote(statusLine));
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("bad status code in " + Evidence.quote(statusLine), e);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        int total = statusLine.length();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            total += line.length();
            if (total > MAX_HEAD) {
                throw new IOException("response head larger than " + MAX_HEAD + " bytes");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header line " + Evidence.quote(line));
            }
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
        return new Head(status, parts.length > 2 ? parts[2] : "", headers);
    }

    /** The body that follows a head: chunked, by Content-Length, or up to the end of the stream. */
    public static byte[] readBody(InputStream in, Head head, boolean headRequest) throws IOException {
        if (headRequest || head.status() == 204 || head.status() == 304 || head.status() / 100 == 1) {
            return new byte[0];
        }
        String encoding = head.first("transfer-encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return readChunked(in);
        }
        String length = head.first("content-length");
        if (length != null) {
            int n = Integer.parseInt(length.trim());
            if (n > MAX_BODY) {
                throw new IOException("body larger than " + MAX_BODY + " bytes");
            }
            return in.readNBytes(n);
        }
        return readToEnd(in);
    }

    /**
     * One whole response exactly as its bytes came: the head, then the body as it was framed
     * (chunk lines and trailers included), read as {@link #readBody} reads it, so that the stream
     * is left at what follows. For comparing two servers' answers byte for byte.
     */
    public static byte[] readResponseBytes(InputStream in, boolean headRequest) throws IOException {
        Recording recording = new Recording(in);
        readBody(recording, readHead(recording), headRequest);
        return recording.seen.toByteArray();
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                if (out.size() > MAX_BODY) {
                    throw new IOException("body larger than " + MAX_BODY + " bytes");
                }
            }
        } catch (SocketTimeoutException e) {
            // A server that keeps the connection open without a length: what arrived is the body.
        }
        return out.toByteArray();
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
            if (size == 0) {
                for (String trailer = readLine(in); !trailer.isEmpty(); trailer = readLine(in)) {
                    // trailers are not part of any check
                }
                return out.toByteArray();
            }
            if (out.size() + size > MAX_BODY) {
                throw new IOException("body larger than " + MAX_BODY + " bytes");
            }
            out.write(in.readNBytes(size));
            readLine(in);
        }
    }

    /** One CRLF- (or LF-) terminated line in ISO-8859-1, without the terminator. */
    public static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed in the middle of an HTTP head");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            if (line.size() > MAX_HEAD) {
                throw new IOException("HTTP line longer than " + MAX_HEAD + " bytes");
            }
        }
    }

    /** A stream that keeps a copy of every byte read through it; the readers here only read. */
    private static final class Recording extends FilterInputStream {
        private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

        Recording(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                seen.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int n = super.read(bytes, offset, length);
            if (n > 0) {
                seen.write(bytes, offset, n);
            }
            return n;
        }
    }

    /**
     * A response head.
     *
     * @param status  the status code
     * @param reason  the reason phrase
     * @param headers header name (lower case) to values in arrival order
     */
    public record Head(int status, String reason, Map<String, List<String>> headers) {
        /** The first value of a header (name in lower case), or null. */
        public String first(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** The whole response, with the body read after this head. */
        public HttpResponse withBody(byte[] body) {
            return new HttpResponse(status, reason, headers, body);
        }
    }
}
