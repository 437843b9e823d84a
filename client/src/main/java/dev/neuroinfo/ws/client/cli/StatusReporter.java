package dev.neuroinfo.ws.client.cli;

import dev.neuroinfo.ws.client.ConnectionListener;
import dev.neuroinfo.ws.client.NeuroInfoConnectException;
import dev.neuroinfo.ws.protocol.EventType;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** Writes connection changes to stderr, one line each, and ends the command when reconnecting gives up. */
final class StatusReporter implements ConnectionListener {
    private final PrintWriter err;
    private final CountDownLatch done;
    private final AtomicInteger exitCode;

    StatusReporter(PrintWriter err, CountDownLatch done, AtomicInteger exitCode) {
        this.err = err;
        this.done = done;
        this.exitCode = exitCode;
    }

    private void say(String line) {
        err.println("neuroinfo-ws: " + line);
        err.flush();
    }

    @Override
    public void connected(String sessionId) {
        say("connected, session " + sessionId);
    }

    @Override
    public void disconnected(int code, String reason) {
        say("disconnected: " + code + (reason.isEmpty() ? "" : " " + reason));
    }

    @Override
    public void reconnecting(int attempt, Duration delay) {
        say("reconnecting in " + delay.toMillis() + " ms (attempt " + attempt + ")");
    }

    @Override
    public void reconnectFailed(Throwable cause) {
        say("giving up: " + cause.getMessage());
        exitCode.set(exitCode(cause));
        done.countDown();
    }

    @Override
    public void error(Throwable error) {
        say("error: " + error.getMessage());
    }

    @Override
    public void subscribed(EventType type) {
        say("subscribed to " + type);
    }

    @Override
    public void unsubscribed(EventType type) {
        say("unsubscribed from " + type);
    }

    /** Reports a failed connection attempt that ends the command; returns the exit code. */
    static int connectFailed(PrintWriter err, Throwable failure) {
        err.println("neuroinfo-ws: cannot connect: " + failure.getMessage());
        err.flush();
        return exitCode(failure);
    }

    private static int exitCode(Throwable failure) {
        return failure instanceof NeuroInfoConnectException e && e.isAuthenticationFailure()
                ? NeuroInfoWs.EXIT_AUTH : NeuroInfoWs.EXIT_CONNECTION;
    }
}
