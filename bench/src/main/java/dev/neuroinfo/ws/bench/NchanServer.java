package dev.neuroinfo.ws.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** nchan on nginx in the foreground under a temporary prefix: the peer the scenarios compare with. */
final class NchanServer implements ServerUnderTest {
    private static final String HOST = "127.0.0.1";
    /** Debian's nginx is in /usr/sbin, which is not on every user's PATH. */
    private static final String NGINX = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";

    private final ServerProcess process;
    private final int port;

    private NchanServer(ServerProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts nginx with {@code templateFile} (bench/nginx.conf) filled in for a free port.
     *
     * @param cpu     the CPUs to run on (a taskset list), or null for this process's own
     * @param workers worker processes, one per CPU it may use
     */
    static NchanServer launch(Path templateFile, Path prefix, String cpu, int workers)
            throws IOException, InterruptedException {
        return launch(templateFile, prefix, cpu, workers, FreePorts.of(HOST));
    }

    /** {@link #launch(Path, Path, String, int)} on ports from {@code ports}. */
    static NchanServer launch(Path templateFile, Path prefix, String cpu, int workers, FreePorts.Source ports)
            throws IOException, InterruptedException {
        Files.createDirectories(prefix);
        String template = Files.readString(templateFile);
        return FreePorts.launch(ports, port -> {
            String conf = template.replace("@PREFIX@", prefix.toAbsolutePath().toString())
                    .replace("@PORT@", Integer.toString(port)).replace("@WORKERS@", Integer.toString(workers));
            Path confFile = prefix.resolve("nginx.conf");
            Files.writeString(confFile, conf);
            Path pidFile = prefix.resolve("nginx.pid");
            Files.deleteIfExists(pidFile);
            ServerProcess process = ServerProcess.start(List.of(NGINX, "-p", prefix.toAbsolutePath() + "/", "-c",
                    confFile.toAbsolutePath().toString(), "-e", prefix.resolve("error.log").toAbsolutePath().toString(),
                    "-g", "daemon off;"), cpu, prefix.resolve("nginx.out"));
            try {
                process.awaitPort(HOST, port, 30_000);
                // nginx binds before it writes its pid file: until then the open port may be another process's
                awaitPidFile(process, port, pidFile);
            } catch (IOException | RuntimeException e) {
                process.close();
                throw e;
            }
            return new NchanServer(process, port);
        });
    }

    private static void awaitPidFile(ServerProcess process, int port, Path pidFile)
            throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!Files.exists(pidFile)) {
            process.checkAlive(port);
            if (System.currentTimeMillis() > deadline) {
                throw new IOException("nginx wrote no pid file " + pidFile);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public String name() {
        return "nchan";
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public boolean jvm() {
        return false;
    }

    @Override
    public LoadGenerator.Target subscribers(String channel) {
        return new LoadGenerator.Target(HOST, port, "/sub/" + channel, null, null);
    }

    @Override
    public Publisher.Target publisher(String channel, EventFactory events) {
        String path = "/pub/" + channel;
        return new Publisher.Target() {
            @Override
            public String host() {
                return HOST;
            }

            @Override
            public int port() {
                return port;
            }

            @Override
            public String path() {
                return path;
            }

            @Override
            public String authorization() {
                return null;
            }

            @Override
            public String contentType() {
                return "application/json";
            }

            @Override
            public byte[] body(int seq, long epochMillis) {
                return Publisher.utf8(events.frame(seq, epochMillis));
            }
        };
    }

    @Override
    public List<Churn.Mode> churnModes(String channel) {
        return List.of(new Churn.Mode("handshake (subscribes) + close", HOST, port, "/sub/" + channel, null, null, null));
    }

    @Override
    public void close() {
        process.close();
    }
}
