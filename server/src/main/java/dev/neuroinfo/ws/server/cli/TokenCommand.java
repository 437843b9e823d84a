package dev.neuroinfo.ws.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code token create|list|revoke}: API token management of a running server. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Manage the API tokens of a running server through its admin API.",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
public final class TokenCommand {
    private static final String TOKENS = "api/admin/tokens";

    /** {@code token create --user NAME [--unlimited]}. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an API token. It is printed once; the server keeps only its hash.")
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminConnection connection;

        @Option(names = "--user", required = true, description = "The user the token belongs to.")
        String user;

        @Option(names = "--unlimited", description = "Exempt the token from the per-user connection limit.")
        boolean unlimited;

        @Override
        public Integer call() {
            return Cli.run(spec, () -> {
                String body = new ObjectMapper().createObjectNode().put("user", user).put("unlimited", unlimited)
                        .toString();
                JsonNode data = connection.client().post(TOKENS, body).path("data");
                PrintWriter out = spec.commandLine().getOut();
                out.println("Created token " + data.path("id").asText() + " for user " + data.path("user").asText()
                        + (data.path("unlimited").asBoolean() ? " (unlimited)" : "") + ".");
                out.println("Token (shown only now, store it safely):");
                out.println(data.path("token").asText());
            });
        }
    }

    /** {@code token list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List API tokens (never their secrets).")
    static final class ListTokens implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminConnection connection;

        @Override
        public Integer call() {
            return Cli.run(spec, () -> {
                JsonNode tokens = connection.client().get(TOKENS).path("data").path("tokens");
                PrintWriter out = spec.commandLine().getOut();
                if (tokens.isEmpty()) {
                    out.println("No API tokens.");
                    return;
                }
                out.printf("%-16s %-20s %-9s %s%n", "ID", "USER", "UNLIMITED", "CREATED");
                for (JsonNode token : tokens) {
                    out.printf("%-16s %-20s %-9s %s%n", token.path("id").asText(), token.path("user").asText(),
                            token.path("unlimited").asBoolean() ? "yes" : "no",
                            Instant.ofEpochMilli(token.path("createdAt").asLong()));
                }
            });
        }
    }

    /** {@code token revoke ID}. */
    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke an API token: it stops working, its tickets die, its connections close.")
    static final class Revoke implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminConnection connection;

        @Parameters(index = "0", paramLabel = "ID", description = "The token's id, as `token list` shows it.")
        String id;

        @Override
        public Integer call() {
            return Cli.run(spec, () -> {
                if (!id.matches("[A-Za-z0-9_-]+")) {
                    throw new CliException("'" + id + "' is not a token id (see `token list`).");
                }
                connection.client().delete(TOKENS + "/" + id);
                spec.commandLine().getOut().println("Revoked token " + id + ".");
            });
        }
    }
}
