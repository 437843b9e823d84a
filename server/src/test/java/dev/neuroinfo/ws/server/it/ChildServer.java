package dev.neuroinfo.ws.server.it;

import dev.neuroinfo.ws.server.cli.ServerProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded server in a JVM of its own, as an operator runs it, started on a fresh data
 * directory: its banner, with the two tokens of a first start, is read before it is used.
 */
final class ChildServer implements AutoCloseable {
    private static final Pattern API_TOKEN = Pattern.compile("API token \\(user demo\\): (\\S+)");
    private static final Pattern ADMIN_TOKEN = Pattern.compile("admin token: (\\S+)");

    private final ServerProcess server;
    final Process process;
    final int port;
    final List<String> banner;
    String apiToken;
    String adminToken;

    private ChildServer(ServerProcess.Started started) {
        this.server = started.server();
        this.process = server.process();
        this.port = started.port();
        this.banner = List.of(started.banner().split("\n"));
        for (String line : banner) {
            Matcher api = API_TOKEN.matcher(line);
            if (api.find()) {
                apiToken = api.group(1);
            }
            Matcher admin = ADMIN_TOKEN.matcher(line);
            if (admin.find()) {
                adminToken = admin.group(1);
            }
        }
    }

    /**
     * Starts a server on a free pair of ports and reads its banner.
     *
     * @param jvmOptions options for the child JVM, e.g. {@code -Xmx256m}
     * @param arguments  the {@code run} command's arguments besides port and data directory
     */
    static ChildServer start(Path dataDir, List<String> jvmOptions, List<String> arguments)
            throws IOException, InterruptedException {
        return new ChildServer(ServerProcess.startOnFreePorts(port -> {
            List<String> all = new ArrayList<>(List.of("--port", String.valueOf(port), "--data-dir", dataDir.toString()));
            all.addAll(arguments);
            return ServerProcess.mainCommand(jvmOptions, all);
        }));
    }

    int wsPort() {
        return port + 1;
    }

    String httpBase() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
    }
}
