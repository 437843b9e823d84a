package dev.neuroinfo.ws.server;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** A client dripping a request a byte at a time, for the tests of the HTTP API port's request deadlines. */
public final class SlowSender {
    private SlowSender() {
    }

    /**
     * Whether the server has closed the connection, seen within a short read; fails if it answered
     * instead, since a request cut by its deadline gets no answer.
     */
    public static boolean closedUnanswered(Socket socket) {
        try {
            socket.setSoTimeout(20);
            if (socket.getInputStream().read() >= 0) {
                fail("the server answered a request that never arrived whole");
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Sends one byte of {@code text} on each poll, after {@code beforeEachPoll}, until the server
     * closes the connection, failing after {@code bound}; the bytes sent by then. The text must be
     * longer than the bound lets it send, so that it never arrives.
     */
    public static int dripUntilClosed(Socket socket, byte[] text, Duration bound, Runnable beforeEachPoll)
            throws InterruptedException {
        int[] sent = {0};
        Await.until("the slow sender's connection closed", bound, () -> {
            beforeEachPoll.run();
            if (closedUnanswered(socket)) {
                return true;
            }
            try {
                socket.getOutputStream().write(text[sent[0]++]);
                return false;
            } catch (IOException e) {
                return true;
            }
        });
        return sent[0];
    }
}
