package dev.neuroinfo.ws.bench;

import dev.neuroinfo.ws.wire.Frame;
import dev.neuroinfo.ws.wire.FrameCodec;
import dev.neuroinfo.ws.wire.HttpReader;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Connection churn: a few threads each repeat (ticket) + handshake + subscribe + close as fast as
 * the server answers. Blocking sockets suffice here: only a handful of connections exist at once.
 */
final class Churn {
    /** The largest frame a churn cycle accepts: its server messages are a welcome and an answer. */
    private static final int MAX_FRAME = 64 * 1024;

    /**
     * One kind of cycle.
     *
     * @param name as reported, e.g. "ticket + handshake + subscribe + close"
     * @param tickets fetches a ticket for a handshake, or null when the handshake carries the
     *     credential itself; returns null when no more tickets can be had
     * @param authorization the handshake's Authorization header, or null
     * @param subscribeMessage sent after the first server message; null when the handshake subscribes
     */
    record Mode(String name, String host, int port, String path, TicketSource tickets, String authorization,
            String subscribeMessage) {
    }

    /** Issues tickets over a thread's own HTTP connection. */
    interface TicketSource {
        /** A ticket, or null when none can be had any more. */
        String ticket(HttpLite http) throws IOException;

        /** How many tickets this source can issue in all. */
        int capacity();

        HttpLite connect();
    }

    /** What a churn run achieved. */
    record Result(long cycles, long failures, double seconds, String lastError) {
        double perSecond() {
            return seconds == 0 ? 0 : cycles / seconds;
        }
    }

    private Churn() {
    }

    static Result run(Mode mode, int threads, double seconds, int maxCycles) throws InterruptedException {
        AtomicLong cycles = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicInteger started = new AtomicInteger();
        AtomicReference<String> lastError = new AtomicReference<>();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                HttpLite http = mode.tickets() == null ? null : mode.tickets().connect();
                try {
                    while (System.nanoTime() < deadline && started.incrementAndGet() <= maxCycles) {
                        try {
                            if (!cycle(mode, http)) {
                                return;
                            }
                            cycles.incrementAndGet();
                        } catch (IOException | RuntimeException e) {
                            failures.incrementAndGet();
                            lastError.set(e.toString());
                        }
                    }
                } finally {
                    if (http != null) {
                        http.close();
                    }
                }
            }, "bench-churn-" + t);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return new Result(cycles.get(), failures.get(), (System.nanoTime() - start) / 1e9, lastError.get());
    }

    /** One cycle; false when no ticket could be had (the run is over for this thread). */
    private static boolean cycle(Mode mode, HttpLite http) throws IOException {
        String path = mode.path();
        if (mode.tickets() != null) {
            String ticket = mode.tickets().ticket(http);
            if (ticket == null) {
                return false;
            }
            path = path + (path.contains("?") ? "&" : "?") + "ticket=" + ticket;
        }
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            socket.connect(new InetSocketAddress(mode.host(), mode.port()), 5_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            out.write(Frames.handshake(mode.host(), mode.port(), path, mode.authorization()));
            if (HttpReader.readHead(in).status() != 101) {
                throw new IOException("handshake refused");
            }
            if (mode.subscribeMessage() != null) {
                nextOpcode(in); // welcome
                out.write(Frames.maskedText(mode.subscribeMessage()));
                nextOpcode(in); // addSuccess
            }
            out.write(Frames.maskedClose());
            // Wait for the server's close (or its end of stream), so that the server closes first.
            while (nextOpcode(in) != Frame.CLOSE) {
                // skip anything still in flight
            }
        }
        return true;
    }

    /** The opcode of the next whole frame (the wire library's reader); CLOSE also at end of stream. */
    private static int nextOpcode(InputStream in) throws IOException {
        try {
            return FrameCodec.read(in, MAX_FRAME).opcode();
        } catch (EOFException end) {
            return Frame.CLOSE;
        }
    }
}
