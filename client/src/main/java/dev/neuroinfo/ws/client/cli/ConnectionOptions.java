package dev.neuroinfo.ws.client.cli;

import dev.neuroinfo.ws.client.AuthMethod;
import dev.neuroinfo.ws.client.NeuroInfoClient;
import dev.neuroinfo.ws.client.NeuroInfoClientBuilder;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
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
            description = "WebSocket endpoint, e.g. ws://HOST:8081/api/ws (env " + ENV_URL + ").")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "API token (env " + ENV_TOKEN + "; prefer the variable: it stays out of shell history).")
    String token;

    @Option(names = "--auth", paramLabel = "ticket|header|in-band",
            description = "How to present the token: ticket (default; fetched from the HTTP API), header "
                    + "(Authorization at the handshake) or in-band (env " + ENV_AUTH + ").")
    String auth;

    @Option(names = "--http", paramLabel = "HTTP_URL",
            description = "HTTP API base for tickets; default: the WebSocket port minus one (env " + ENV_HTTP + ").")
    String http;

    /** A client builder from the flags and environment; bad values are usage errors (exit 2). */
    NeuroInfoClientBuilder builder(Map<String, String> environment) {
        URI webSocketUrl = webSocketUrl(value(url, environment, ENV_URL, "--url"));
        String secret = value(token, environment, ENV_TOKEN, "--token");
        NeuroInfoClientBuilder builder = NeuroInfoClient.builder()
                .webSocketUrl(webSocketUrl)
                .token(secret)
                .authMethod(authMethod(orEnv(auth, environment, ENV_AUTH)));
        String httpBase = orEnv(http, environment, ENV_HTTP);
        if (httpBase != null) {
            builder.httpBaseUrl(httpUrl(httpBase));
        }
        return builder;
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

    private URI webSocketUrl(String text) {
        URI uri = parse(text, "--url");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss") || uri.getHost() == null) {
            throw usage("Invalid --url '" + text + "': expected ws://HOST:PORT/api/ws or wss://HOST:PORT/api/ws");
        }
        return uri;
    }

    private URI httpUrl(String text) {
        URI uri = parse(text, "--http");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw usage("Invalid --http '" + text + "': expected http://HOST:PORT or https://HOST:PORT");
        }
        return uri;
    }

    private URI parse(String text, String name) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw usage("Invalid " + name + " '" + text + "': " + e.getReason());
        }
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
