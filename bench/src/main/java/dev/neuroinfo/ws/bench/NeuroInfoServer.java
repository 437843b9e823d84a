package dev.neuroinfo.ws.bench;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.protocol.message.AddEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our server as the scenarios see it: the HTTP API for publishing and tickets, the WebSocket
 * endpoint for subscribers, an unlimited API token so that the per-user connection limit does not
 * apply. {@link #launch} runs the shaded jar as its own process; tests wrap an in-process server.
 */
class NeuroInfoServer implements ServerUnderTest {
    static final String HOST = "127.0.0.1";
    /** Tickets per token per minute are limited to 100; churn uses each token a little less. */
    private static final int TICKETS_PER_TOKEN = 95;
    /** How long one health probe of a starting server waits for its answer (a started one answers in milliseconds). */
    private static final int HEALTH_PROBE_MILLIS = 2_000;
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TICKET = Pattern.compile("\"ticket\"\\s*:\\s*\"([^\"]+)\"");

    private final ServerProcess process;
    private final long pid;
    private final int httpPort;
    private final int wsPort;
    private final String adminToken;
    private final String apiToken;
    private final int churnTokens;
    private final MessageCodec codec = new MessageCodec();

    NeuroInfoServer(ServerProcess process, long pid, int httpPort, int wsPort, String adminToken, int churnTokens)
            throws IOException {
        this.process = process;
        this.pid = pid;
        this.httpPort = httpPort;
        this.wsPort = wsPort;
        this.adminToken = adminToken;
        this.churnTokens = churnTokens;
        try (HttpLite http = new HttpLite(HOST, httpPort)) {
            this.apiToken = createToken(http, "bench");
        }
    }

    /**
     * Starts the jar in a process.
     *
     * @param jvmOptions    extra JVM options (e.g. a flight recording)
     * @param serverOptions extra options of the server's command line (e.g. {@code --recovery true}),
     *                      after the bench's own, so that they win
     */
    static NeuroInfoServer launch(Path jar, Path workDir, String cpu, List<String> jvmOptions, List<String> serverOptions,
            int churnTokens)
            throws IOException, InterruptedException {
        return launch(jar, workDir, cpu, jvmOptions, serverOptions, churnTokens, FreePorts.of(HOST));
    }

    /** {@link #launch(Path, Path, String, List, List, int)} on ports from {@code ports}. */
    static NeuroInfoServer launch(Path jar, Path workDir, String cpu, List<String> jvmOptions, List<String> serverOptions,
            int churnTokens, FreePorts.Source ports)
            throws IOException, InterruptedException {
        Path data = Files.createDirectories(workDir.resolve("data"));
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(jvmOptions);
        // Keepalive off for the run (nchan sends no pings by default either); the idle close likewise.
        command.addAll(List.of("-jar", jar.toString(), "--data-dir", data.toString(),
                "--ping-interval", "86400", "--idle-timeout", "86400"));
        command.addAll(serverOptions);
        return FreePorts.launch(ports, port -> {
            List<String> onPort = new ArrayList<>(command);
            onPort.addAll(List.of("--port", Integer.toString(port)));
            ServerProcess process = ServerProcess.start(onPort, cpu, workDir.resolve("server.log"));
            try {
                return new NeuroInfoServer(process, process.pid(), port, port + 1, await(process, port, data), churnTokens);
            } catch (IOException | RuntimeException e) {
                process.close();
                throw e;
            }
        });
    }

    /** Waits until a started server serves both ports; its admin token. */
    private static String await(ServerProcess process, int port, Path data) throws IOException, InterruptedException {
        // the server reserves its ports from its first moment (TwoPorts.reserve): a connection is
        // accepted, and reset, before the server answers on it, so an open port is not yet a server
        process.awaitPort(HOST, port, 60_000);
        awaitHealth(process, port, 60_000);
        process.awaitPort(HOST, port + 1, 60_000);
        Path adminFile = data.resolve("admin.token");
        long deadline = System.currentTimeMillis() + 30_000;
        while (!Files.exists(adminFile) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        return Files.readString(adminFile).trim();
    }

    /**
     * Waits for {@code /api/health} to answer 200; fails as soon as the server exits. Each probe
     * waits briefly: the port may be another process's, which accepts connections and never answers.
     */
    private static void awaitHealth(ServerProcess process, int port, long timeoutMillis)
            throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            process.checkAlive(port);
            try (HttpLite http = new HttpLite(HOST, port, HEALTH_PROBE_MILLIS)) {
                if (http.get("/api/health", null).status() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the reservation accepted the connection and was closed under it: try again
            }
            Thread.sleep(100);
        }
        throw new IOException("server did not answer /api/health on port " + port);
    }

    private String createToken(HttpLite http, String user) throws IOException {
        HttpLite.Response response = http.post("/api/admin/tokens", "Bearer " + adminToken, "application/json",
                Publisher.utf8("{\"user\":\"" + user + "\",\"unlimited\":true}"));
        Matcher m = TOKEN.matcher(response.body());
        if (response.status() != 201 || !m.find()) {
            throw new IOException("token creation answered " + response.status());
        }
        return m.group(1);
    }

    @Override
    public String name() {
        return "ours";
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public boolean jvm() {
        return true;
    }

    @Override
    public LoadGenerator.Target subscribers(String channel) {
        return new LoadGenerator.Target(HOST, wsPort, "/api/ws", "Bearer " + apiToken,
                codec.encode(new AddEvent(EventType.STREAM_ONLINE)));
    }

    @Override
    public Publisher.Target publisher(String channel, EventFactory events) {
        String authorization = "Bearer " + adminToken;
        return new Publisher.Target() {
            @Override
            public String host() {
                return HOST;
            }

            @Override
            public int port() {
                return httpPort;
            }

            @Override
            public String path() {
                return "/api/admin/events";
            }

            @Override
            public String authorization() {
                return authorization;
            }

            @Override
            public String contentType() {
                return "application/json";
            }

            @Override
            public byte[] body(int seq, long epochMillis) {
                return Publisher.utf8(events.adminBody(seq));
            }
        };
    }

    @Override
    public List<Churn.Mode> churnModes(String channel) throws IOException {
        String subscribe = codec.encode(new AddEvent(EventType.STREAM_ONLINE));
        List<String> tokens = new ArrayList<>();
        try (HttpLite http = new HttpLite(HOST, httpPort)) {
            for (int i = 0; i < churnTokens; i++) {
                tokens.add(createToken(http, "churn" + i));
            }
        }
        AtomicInteger issued = new AtomicInteger();
        Churn.TicketSource tickets = new Churn.TicketSource() {
            @Override
            public String ticket(HttpLite http) throws IOException {
                int n = issued.getAndIncrement();
                if (n / TICKETS_PER_TOKEN >= tokens.size()) {
                    return null;
                }
                HttpLite.Response response = http.get("/api/ws/ticket", "Bearer " + tokens.get(n / TICKETS_PER_TOKEN));
                Matcher m = TICKET.matcher(response.body());
                if (response.status() != 200 || !m.find()) {
                    throw new IOException("ticket request answered " + response.status());
                }
                return m.group(1);
            }

            @Override
            public int capacity() {
                return tokens.size() * TICKETS_PER_TOKEN;
            }

            @Override
            public HttpLite connect() {
                return new HttpLite(HOST, httpPort);
            }
        };
        return List.of(
                new Churn.Mode("handshake (Authorization header) + subscribe + close", HOST, wsPort, "/api/ws", null,
                        "Bearer " + apiToken, subscribe),
                new Churn.Mode("ticket + handshake + subscribe + close", HOST, wsPort, "/api/ws", tickets, null,
                        subscribe));
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
