package dev.neuroinfo.ws.server;

import dev.neuroinfo.ws.protocol.TwoPorts;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.regex.Pattern;

/**
 * Starts something that binds the port it is told only later (a child process once it runs,
 * seconds later on a loaded machine; a container once it deployed) on a port of 127.0.0.1 that
 * was free when picked, and starts it again on another when another process took the port
 * meanwhile. The one place of that retry for the tests that start servers, Redis, Prometheus,
 * nginx or servlet containers.
 */
public final class OnFreePort {
    /** Attempts in all; more than one taken port in a row is unheard of. */
    public static final int ATTEMPTS = 3;
    /** What a start that lost its port says: Java, Redis and nginx so, Go in lower case. */
    private static final Pattern PORT_TAKEN = Pattern.compile("address already in use", Pattern.CASE_INSENSITIVE);
    private static final String HOST = "127.0.0.1";

    private OnFreePort() {
    }

    /** A start on a given port, which cleans up after itself when it fails. */
    @FunctionalInterface
    public interface Start<T> {
        /**
         * @throws IOException or a RuntimeException whose message (or a cause's) says so, or a
         *                     {@link BindException}, when the port was taken
         */
        T on(int port) throws IOException, InterruptedException;
    }

    /** A start that picks its own ports, and cleans up after itself when it fails. */
    @FunctionalInterface
    public interface Attempt<T> {
        /** @throws IOException or a RuntimeException as {@link Start#on} does */
        T make() throws IOException, InterruptedException;
    }

    /** Starts on a free port of 127.0.0.1; see the class. */
    public static <T> T port(Start<T> start) throws IOException, InterruptedException {
        return retried(() -> start.on(freePort()));
    }

    /** Starts on a free pair of ports P and P+1 of 127.0.0.1 ({@link TwoPorts}); {@code start} is given P. */
    public static <T> T pair(Start<T> start) throws IOException, InterruptedException {
        return retried(() -> start.on(TwoPorts.freePair(HOST)));
    }

    /** Makes a start that picks its own ports again when one of them was taken; see the class. */
    public static <T> T retried(Attempt<T> attempt) throws IOException, InterruptedException {
        for (int made = 1; ; made++) {
            try {
                return attempt.make();
            } catch (IOException | RuntimeException e) {
                if (made == ATTEMPTS || !portTaken(e)) {
                    throw e;
                }
            }
        }
    }

    /** Whether a failed start, or one of its causes, says that its port was taken. */
    public static boolean portTaken(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException || cause.getMessage() != null && portTaken(cause.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /** Whether a process's output says that its port was taken. */
    public static boolean portTaken(String output) {
        return PORT_TAKEN.matcher(output).find();
    }

    /**
     * A port of 127.0.0.1 free now, for something that binds it later: {@link #port} retries when
     * another process takes it first.
     */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }
}
