package dev.neuroinfo.ws.server.it;

import dev.neuroinfo.ws.protocol.TwoPorts;
import dev.neuroinfo.ws.server.cli.ServerMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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

    final Process process;
    final int port;
    final List<String> banner = new ArrayList<>();
    String apiToken;
    String adminToken;

    private ChildServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts a server and reads its banner.
     *
     * @param jvmOptions options for the child JVM, e.g. {@code -Xmx256m}
     * @param arguments  the {@code run} command's arguments besides port and data directory
     */
    static ChildServer start(Path dataDir, List<String> jvmOptions, List<String> arguments) throws IOException {
        int port = TwoPorts.freePair("127.0.0.1");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ServerMain.class.getName(),
                "--port", String.valueOf(port), "--data-dir", dataDir.toString()));
        command.addAll(arguments);
        ChildServer child = new ChildServer(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start(), port);
        try {
            child.readBanner();
        } catch (IOException | RuntimeException e) {
            child.close();
            throw e;
        }
        return child;
    }

    private void readBanner() throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null && !line.startsWith("Stop with"); line = out.readLine()) {
            banner.add(line);
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

    int wsPort() {
        return port + 1;
    }

    String httpBase() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
