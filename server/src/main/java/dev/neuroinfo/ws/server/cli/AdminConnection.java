package dev.neuroinfo.ws.server.cli;

import dev.neuroinfo.ws.server.ServerCore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every admin command shares: where the server is and which admin token to use. The
 * token comes from {@code --admin-token}, else {@code NEUROINFO_ADMIN_TOKEN}, else the
 * {@code admin.token} file the server wrote into its data directory on first start.
 */
final class AdminConnection {
    @Option(names = "--http", defaultValue = "${env:NEUROINFO_HTTP:-http://127.0.0.1:8080}",
            description = "Base URL of the server's HTTP API (env NEUROINFO_HTTP, default ${DEFAULT-VALUE}).")
    String http;

    @Option(names = "--admin-token", defaultValue = "${env:NEUROINFO_ADMIN_TOKEN}",
            description = "Admin token (env NEUROINFO_ADMIN_TOKEN; default: read DATA_DIR/"
                    + ServerCore.ADMIN_TOKEN_FILE + ").")
    String adminToken;

    @Option(names = "--data-dir", defaultValue = "${env:NEUROINFO_DATA_DIR:-data}",
            description = "The server's data directory, for its admin token file (env NEUROINFO_DATA_DIR, "
                    + "default ${DEFAULT-VALUE}).")
    Path dataDir;

    /** An admin API client for these options. */
    AdminClient client() throws CliException {
        return new AdminClient(http, token());
    }

    private String token() throws CliException {
        if (adminToken != null && !adminToken.isBlank()) {
            return adminToken.strip();
        }
        Path file = dataDir.resolve(ServerCore.ADMIN_TOKEN_FILE);
        try {
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new CliException("The admin token file " + file + " is empty.");
            }
            return token;
        } catch (NoSuchFileException e) {
            throw new CliException("No admin token: pass --admin-token, set NEUROINFO_ADMIN_TOKEN, or point "
                    + "--data-dir at the server's data directory (no " + file + ").");
        } catch (IOException e) {
            throw new CliException("Cannot read the admin token file " + file + ": " + e.getMessage());
        }
    }
}
