package dev.neuroinfo.ws.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A server started as a child process, optionally pinned to a CPU with taskset; stopped on close. */
final class ServerProcess implements AutoCloseable {
    /** What our server and nginx alike print when their port is taken (the C library's text for EADDRINUSE). */
    private static final String ADDRESS_IN_USE = "Address already in use";

    /** The server exited because another process had its port. */
    static final class PortTakenException extends IOException {
        PortTakenException(int port, String output) {
            super("port " + port + " was taken: " + output.strip());
        }
    }

    private final Process process;
    private final Path log;

    private ServerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code command} with its output in {@code log}.
     *
     * @param cpu the CPU to pin to, or null for no pinning
     */
    static ServerProcess start(List<String> command, String cpu, Path log) throws IOException {
        List<String> full = new ArrayList<>();
        if (cpu != null) {
            // taskset execs the command, so the process we get is the server itself.
            full.add("taskset");
            full.add("-c");
            full.add(cpu);
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ServerProcess(process, log);
    }

    long pid() {
        return process.pid();
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Waits until a TCP port accepts connections; fails if the process exits first.
     *
     * @throws PortTakenException if it exited saying that its address was in use
     */
    void awaitPort(String host, int port, long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            checkAlive(port);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IOException("server did not open port " + port + ": " + output());
    }

    /**
     * Fails if the process has exited.
     *
     * @param port the port it was given, for the message
     * @throws PortTakenException if it exited saying that its address was in use
     */
    void checkAlive(int port) throws IOException {
        if (!process.isAlive()) {
            String output = output();
            throw output.contains(ADDRESS_IN_USE) ? new PortTakenException(port, output)
                    : new IOException("server exited: " + output);
        }
    }

    /** SIGTERM, then SIGKILL for the process and anything it started. */
    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
    }
}
