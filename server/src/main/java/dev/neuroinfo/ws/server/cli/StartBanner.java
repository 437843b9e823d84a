package dev.neuroinfo.ws.server.cli;

import dev.neuroinfo.ws.server.ServerCore;
import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.embedded.EmbeddedServer;
import java.io.File;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the operator sees at start: where the server is and shell commands to try it. Every
 * command works when pasted into a POSIX shell from any directory: absolute paths, this very
 * program's java and jar, variables in double quotes. On a first start the commands carry the
 * new API token; later, and on a cluster node that did not create the tokens, they make one with
 * the admin token this node can actually reach (its {@code admin.token} file, else
 * {@code NEUROINFO_ADMIN_TOKEN}).
 */
final class StartBanner {
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private final EmbeddedServer server;
    private final ServerConfig config;

    StartBanner(EmbeddedServer server, ServerConfig config) {
        this.server = server;
        this.config = config;
    }

    void print(PrintWriter out) {
        Path dataDir = config.dataDir().toAbsolutePath();
        Path adminTokenFile = dataDir.resolve(ServerCore.ADMIN_TOKEN_FILE);
        String http = server.httpUri().toString();
        out.printf("neuroinfo-ws server is up%n  HTTP API:  %s%n  WebSocket: %s%n  data dir:  %s%n",
                http, server.webSocketUri(), dataDir);
        if (config.clustered()) {
            // Host and port only: the URI may carry a password.
            URI redis = URI.create(config.redisUri());
            out.printf("  cluster:   one node of a cluster sharing Redis at %s:%d%n", redis.getHost(), redis.getPort());
        }
        Optional<ServerCore.BootstrapTokens> created = server.bootstrapTokens();
        created.ifPresent(tokens -> out.printf(
                "%nFirst start: created two tokens. They are shown only now; the server keeps hashes.%n"
                        + "  admin token: %s   (also saved in %s, mode 0600)%n"
                        + "  API token (user demo): %s%n",
                tokens.admin().secret(), adminTokenFile, tokens.api().secret()));

        boolean hasAdminTokenFile = Files.isReadable(adminTokenFile);
        String admin = " --http " + quote(http) + (hasAdminTokenFile ? " --data-dir " + quote(dataDir.toString()) : "");
        out.printf("%nTry it in a shell:%n");
        if (created.isPresent()) {
            out.printf("  export NEUROINFO_TOKEN=%s%n", quote(created.get().api().secret()));
        } else {
            out.printf(hasAdminTokenFile
                    ? "  # an API token for the commands below, made with the admin token in %s%n"
                    : "  # this node has no %s: first export NEUROINFO_ADMIN_TOKEN=<the admin token the first node"
                            + " printed>%n", hasAdminTokenFile ? adminTokenFile : ServerCore.ADMIN_TOKEN_FILE);
            out.printf("  export NEUROINFO_TOKEN=\"$(%s token create --user demo%s | tail -n 1)\"%n", thisProgram(), admin);
        }
        out.printf("  # 1. a one-time ticket (valid 30 s)%n"
                        + "  curl -s -H \"Authorization: Bearer $NEUROINFO_TOKEN\" %1$s/api/ws/ticket%n"
                        + "  # 2. connect and subscribe with the client CLI of this project's client/ module (it reads"
                        + " NEUROINFO_TOKEN),%n  #    or any WebSocket client with ?ticket=<the ticket from 1.>%n"
                        + "  java -jar client/target/neuroinfo-ws.jar listen --url %2$s --http %1$s --events streamOnline%n"
                        + "  # 3. publish an event with the admin token%n"
                        + "  echo '{\"isLive\":false}' | %3$s publish streamOffline%4$s --data -%n"
                        + "%nStop with Ctrl-C (connections are closed with 1001).%n",
                quote(http), quote(server.webSocketUri().toString()), thisProgram(), admin);
    }

    /** This very program as a shell command: the running java with its jar, or its class path. */
    private static String thisProgram() {
        String java = quote(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String[] classPath = System.getProperty("java.class.path").split(Pattern.quote(File.pathSeparator));
        if (classPath.length == 1 && classPath[0].endsWith(".jar")) {
            return java + " -jar " + quote(Path.of(classPath[0]).toAbsolutePath().toString());
        }
        String absolute = Arrays.stream(classPath).map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
        return java + " -cp " + quote(absolute) + " " + ServerMain.class.getName();
    }

    /** A word the shell reads back as exactly {@code word}. */
    private static String quote(String word) {
        return SHELL_SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
