package dev.neuroinfo.ws.server.embedded;

import dev.neuroinfo.ws.protocol.CloseReasons;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.memory.MemoryManager;

/**
 * Reads the frame headers in one connection's inbound bytes before Tyrus does, so that a frame is
 * judged by what it declares rather than after it was buffered: an unmasked frame (RFC 6455 5.1)
 * or a malformed control frame fails the connection with 1002, a data frame or fragmented message
 * declaring more than the size limit with 1009, whatever the declared length, before any of its
 * payload is kept. Pings are taken out of the stream and handed over with their unmasked payload,
 * for the server to answer within its outbound budget. Pongs and fragments before a message's last
 * are counted as they arrive: they reach no rate limit of the messages, so a client sending them
 * without end (a message that never finishes) would take the server's CPU for as long as it likes.
 * Everything else passes on unchanged.
 *
 * <p>Not thread-safe: Grizzly hands one connection's reads over one at a time.
 */
final class InboundFrames {
    private static final int MAX_HEADER = 14;
    private static final int MAX_CONTROL_PAYLOAD = 125;
    private static final int OPCODE_CONTINUATION = 0x0;
    private static final int OPCODE_PING = 0x9;
    private static final int OPCODE_PONG = 0xA;
    private static final int CONTROL_BIT = 0x8;

    private final long maxMessageBytes;
    private final Consumer<byte[]> pings;
    private final BooleanSupplier otherFrames;
    private final byte[] header = new byte[MAX_HEADER];
    private int headerLength;
    private long payloadLeft;
    private long messageBytes;
    private byte[] ping;
    private int pingLength;
    private final Passed passed = new Passed();

    /**
     * @param maxMessageBytes the largest client message, counted over its fragments
     * @param pings           receives each ping's payload once the ping is complete
     * @param otherFrames     asked at the header of each pong and each data frame that does not end
     *                        its message; false fails the connection with 1008
     */
    InboundFrames(int maxMessageBytes, Consumer<byte[]> pings, BooleanSupplier otherFrames) {
        this.maxMessageBytes = maxMessageBytes;
        this.pings = pings;
        this.otherFrames = otherFrames;
    }

    /** What one read gives Tyrus, or why the connection must fail. */
    sealed interface Outcome {
    }

    /** The bytes to pass on; null when the read held nothing for Tyrus (only pings, or a split header). */
    record Pass(Buffer bytes) implements Outcome {
    }

    /** The connection must fail; nothing of this read is passed on. */
    record Fail(CloseReasons why) implements Outcome {
    }

    /**
     * Scans one read. The read is passed on as it is when all of it is for Tyrus; otherwise a copy
     * of its parts for Tyrus is, and the read is disposed of.
     */
    Outcome scan(Buffer read, MemoryManager memory) {
        passed.start(read);
        int i = read.position();
        int end = read.limit();
        int headerStart = headerLength == 0 ? i : -1;
        while (i < end) {
            if (payloadLeft > 0) {
                int n = (int) Math.min(payloadLeft, end - i);
                if (ping != null) {
                    for (int k = 0; k < n; k++, pingLength++) {
                        ping[pingLength] = (byte) (read.get(i + k) ^ header[headerLength - 4 + (pingLength & 3)]);
                    }
                } else {
                    passed.range(i, i + n);
                }
                i += n;
                payloadLeft -= n;
                if (payloadLeft == 0) {
                    frameDone();
                }
                continue;
            }
            if (headerLength == 0) {
                headerStart = i;
            }
            header[headerLength++] = read.get(i++);
            CloseReasons failure = headerByteAdded(headerStart, i);
            if (failure != null) {
                return new Fail(failure);
            }
        }
        return new Pass(passed.result(memory));
    }

    /** Checks the header so far; when complete, decides the frame's fate. */
    private CloseReasons headerByteAdded(int headerStart, int readIndex) {
        if (headerLength < 2) {
            return null;
        }
        int second = header[1] & 0xff;
        if ((second & 0x80) == 0) {
            return CloseReasons.PROTOCOL_ERROR;
        }
        int lengthCode = second & 0x7f;
        int needed = 2 + (lengthCode == 126 ? 2 : lengthCode == 127 ? 8 : 0) + 4;
        if (headerLength < needed) {
            return null;
        }
        long length = lengthCode < 126 ? lengthCode
                : lengthCode == 126 ? ((header[2] & 0xffL) << 8) | (header[3] & 0xffL)
                : bigEndianLong(header, 2);
        int opcode = header[0] & 0x0f;
        boolean fin = (header[0] & 0x80) != 0;
        if ((opcode & CONTROL_BIT) != 0) {
            if (!fin || length > MAX_CONTROL_PAYLOAD) {
                return CloseReasons.PROTOCOL_ERROR;
            }
            if (opcode == OPCODE_PING) {
                ping = new byte[(int) length];
                pingLength = 0;
                payloadLeft = length;
                if (length == 0) {
                    frameDone();
                }
                return null;
            }
            if (opcode == OPCODE_PONG && !otherFrames.getAsBoolean()) {
                return CloseReasons.FRAME_RATE;
            }
        } else {
            // a negative length (most significant bit set) is as absurd as a huge one
            messageBytes = opcode == OPCODE_CONTINUATION ? messageBytes + Math.max(length, 0) : length;
            if (length < 0 || length > maxMessageBytes || messageBytes > maxMessageBytes) {
                return CloseReasons.MESSAGE_TOO_BIG;
            }
            if (!fin && !otherFrames.getAsBoolean()) {
                return CloseReasons.FRAME_RATE;
            }
        }
        if (headerStart >= 0) {
            passed.range(headerStart, readIndex);
        } else {
            passed.bytes(Arrays.copyOf(header, headerLength));
        }
        payloadLeft = length;
        if (length == 0) {
            frameDone();
        }
        return null;
    }

    private void frameDone() {
        headerLength = 0;
        if (ping != null) {
            byte[] payload = ping;
            ping = null;
            pings.accept(payload);
        }
    }

    private static long bigEndianLong(byte[] bytes, int from) {
        long value = 0;
        for (int k = 0; k < 8; k++) {
            value = (value << 8) | (bytes[from + k] & 0xffL);
        }
        return value;
    }

    /**
     * The parts of a read for Tyrus: ranges of the read and header bytes kept from earlier reads.
     * Adjacent ranges merge, so the usual read, whole data frames, stays one range: the read itself.
     */
    private static final class Passed {
        private Buffer read;
        private Object[] parts = new Object[8];
        private int count;
        private int size;

        void start(Buffer newRead) {
            read = newRead;
            Arrays.fill(parts, 0, count, null);
            count = 0;
            size = 0;
        }

        void range(int from, int to) {
            if (count > 0 && parts[count - 1] instanceof int[] last && last[1] == from) {
                last[1] = to;
            } else {
                add(new int[] {from, to});
            }
            size += to - from;
        }

        void bytes(byte[] bytes) {
            add(bytes);
            size += bytes.length;
        }

        private void add(Object part) {
            if (count == parts.length) {
                parts = Arrays.copyOf(parts, count * 2);
            }
            parts[count++] = part;
        }

        Buffer result(MemoryManager memory) {
            if (count == 1 && parts[0] instanceof int[] only && only[0] == read.position() && only[1] == read.limit()) {
                return read;
            }
            Buffer copy = size == 0 ? null : memory.allocate(size);
            for (int k = 0; k < count; k++) {
                if (parts[k] instanceof int[] range) {
                    copy.put(read, range[0], range[1] - range[0]);
                } else {
                    copy.put((byte[]) parts[k]);
                }
            }
            read.tryDispose();
            if (copy != null) {
                copy.flip();
            }
            return copy;
        }
    }
}
