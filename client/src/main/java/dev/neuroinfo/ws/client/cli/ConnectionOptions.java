package dev.neuroinfo.ws.client.cli;

import dev.neuroinfo.ws.client.AuthMethod;
import dev.neuroinfo.ws.client.NeuroInfoClient;
import dev.neuroinfo.ws.client.NeuroInfoClientBuilder;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The flags every command shares: where to connect and with which credential. */
final class ConnectionOptions {
    static final String ENV_URL = "NEUROINFO_URL";
    static final String ENV_TOKEN = "NEUROINFO_TOKEN";
    static final String ENV_AUTH = "NEUROINFO_AUTH";
    static final String ENV_HTTP = "NEUROINFO_HTTP_URL";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "WS_URL",
            description = "WebSocket endpoint, e.g. wss://HOST/api/ws (env " + ENV_URL + ").")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "API token (env " + ENV_TOKEN + "; prefer the variable: it stays out of shell history).")
    String token;

    @Option(names = "--auth", paramLabel = "ticket|header|in-band",
            description = "How to present the token: ticket (default; fetched from the HTTP API), header "
                    + "(Authorization at the handshake) or in-band (env " + ENV_AUTH + ").")
    String auth;

    @Option(names = "--http", paramLabel = "HTTP_URL",
            description = "HTTP API base for tickets. Default: the WebSocket URL's origin and context path"
                    + " (wss://HOST/ctx/api/ws gives https://HOST/ctx). The embedded launcher serves its HTTP API on"
                    + " another port: give it, e.g. http://HOST:8080 (env " + ENV_HTTP + ").")
    String http;

    /** A client builder from the flags and environment; bad values are usage errors (exit 2). */
    NeuroInfoClientBuilder builder(Map<String, String> environment) {
        NeuroInfoClientBuilder builder = NeuroInfoClient.builder();
        String webSocketUrl = value(url, environment, ENV_URL, "--url");
        String secret = value(token, environment, ENV_TOKEN, "--token");
        set("--url", webSocketUrl, builder::webSocketUrl, webSocketUrl);
        set("--token", null, builder::token, secret); // a token never goes into a message
        builder.authMethod(authMethod(orEnv(auth, environment, ENV_AUTH)));
        String httpBase = orEnv(http, environment, ENV_HTTP);
        if (httpBase != null) {
            set("--http", httpBase, builder::httpBaseUrl, httpBase);
        }
        return builder;
    }

    /**
     * Builds the client; a setting the builder refuses as a whole (no ticket endpoint to derive, a
     * position file that is not one) is a usage error.
     */
    NeuroInfoClient build(NeuroInfoClientBuilder builder) {
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw usage("Invalid settings: " + e.getMessage() + " (see --http)");
        } catch (UncheckedIOException e) {
            throw usage("Invalid --position: " + e.getMessage());
        }
    }

    private void set(String name, String shown, Consumer<String> setter, String value) {
        try {
            setter.accept(value);
        } catch (IllegalArgumentException e) {
            throw usage("Invalid " + name + (shown == null ? "" : " '" + shown + "'") + ": " + e.getMessage());
        }
    }

    private String value(String flag, Map<String, String> environment, String variable, String name) {
        String value = orEnv(flag, environment, variable);
        if (value == null) {
            throw usage("Missing " + name + " (or environment variable " + variable + ")");
        }
        return value;
    }

    private static String orEnv(String flag, Map<String, String> environment, String variable) {
        String value = flag != null ? flag : environment.get(variable);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private AuthMethod authMethod(String text) {
        if (text == null) {
            return AuthMethod.TICKET;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "ticket" -> AuthMethod.TICKET;
            case "header" -> AuthMethod.HEADER;
            case "in-band", "inband" -> AuthMethod.IN_BAND;
            default -> throw usage("Invalid --auth '" + text + "': expected ticket, header or in-band");
        };
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
