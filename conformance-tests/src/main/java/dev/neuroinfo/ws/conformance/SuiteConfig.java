package dev.neuroinfo.ws.conformance;

import dev.neuroinfo.ws.protocol.ApiUrls;
import dev.neuroinfo.ws.protocol.Limits;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the suite runs against and with which credentials and expectations.
 *
 * @param http              base URI of the HTTP API, e.g. {@code http://127.0.0.1:8080}
 * @param ws                the WebSocket URL, e.g. {@code ws://127.0.0.1:8081/api/ws}
 * @param token             API token T1; its user must have no other connections during the run
 * @param token2            optional second limited API token of another user, for background probes
 * @param unlimitedToken    optional unlimited API token
 * @param adminToken        optional admin token for publishing through {@code POST /api/admin/events}
 * @param rateLimitToken    optional API token the suite may exhaust (unused in the last minute)
 * @param publishCommand    optional command publishing one event, given type and JSON as arguments
 * @param inbandAuth        the server runs with in-band authentication on
 * @param slow              run cases that wait longer than {@link ConformanceCase#SLOW_THRESHOLD}
 * @param only              glob patterns on case or clause ids; empty means all
 * @param reportDir         where the JUnit XML and JSON reports go; null for none
 * @param pingInterval      the ping interval the server is expected to use
 * @param idleTimeout       the idle timeout the server is expected to use
 * @param ticketTtl         the ticket lifetime the server is expected to use
 * @param inbandAuthTimeout the in-band authentication deadline the server is expected to use
 * @param replyTimeout      how long to wait for any single expected answer
 */
public record SuiteConfig(URI http, URI ws, String token, String token2, String unlimitedToken, String adminToken,
                          String rateLimitToken, List<String> publishCommand, boolean inbandAuth, boolean slow,
                          List<String> only, Path reportDir, Duration pingInterval, Duration idleTimeout,
                          Duration ticketTtl, Duration inbandAuthTimeout, Duration replyTimeout) {
    public SuiteConfig {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(ws, "ws");
        Objects.requireNonNull(token, "token");
        publishCommand = List.copyOf(publishCommand);
        only = List.copyOf(only);
    }

    /** A configuration with the protocol's default timings and no optional flags. */
    public static SuiteConfig of(URI http, URI ws, String token) {
        return new SuiteConfig(http, ws, token, null, null, null, null, List.of(), false, false, List.of(), null,
                Limits.PING_INTERVAL, Limits.IDLE_TIMEOUT, Limits.TICKET_TTL, Limits.INBAND_AUTH_TIMEOUT,
                Duration.ofSeconds(5));
    }

    /** The WebSocket URL of a two-port server (the embedded launcher's layout, {@link ApiUrls}): port + 1, path {@code /api/ws}. */
    public static URI defaultWebSocketUri(URI http) {
        return ApiUrls.twoPortWebSocketUrlOf(http);
    }

    public SuiteConfig withToken2(String value) {
        return new SuiteConfig(http, ws, token, value, unlimitedToken, adminToken, rateLimitToken, publishCommand,
                inbandAuth, slow, only, reportDir, pingInterval, idleTimeout, ticketTtl, inbandAuthTimeout, replyTimeout);
    }

    public SuiteConfig withUnlimitedToken(String value) {
        return new SuiteConfig(http, ws, token, token2, value, adminToken, rateLimitToken, publishCommand,
                inbandAuth, slow, only, reportDir, pingInterval, idleTimeout, ticketTtl, inbandAuthTimeout, replyTimeout);
    }

    public SuiteConfig withAdminToken(String value) {
        return new SuiteConfig(http, ws, token, token2, unlimitedToken, value, rateLimitToken, publishCommand,
                inbandAuth, slow, only, reportDir, pingInterval, idleTimeout, ticketTtl, inbandAuthTimeout, replyTimeout);
    }

    public SuiteConfig withRateLimitToken(String value) {
        return new SuiteConfig(http, ws, token, token2, unlimitedToken, adminToken, value, publishCommand,
                inbandAuth, slow, only, reportDir, pingInterval, idleTimeout, ticketTtl, inbandAuthTimeout, replyTimeout);
    }

    public SuiteConfig withInbandAuth(boolean value) {
        return new SuiteConfig(http, ws, token, token2, unlimitedToken, adminToken, rateLimitToken, publishCommand,
                value, slow, only, reportDir, pingInterval, idleTimeout, ticketTtl, inbandAuthTimeout, replyTimeout);
    }

    public SuiteConfig withOnly(List<String> patterns) {
        return new SuiteConfig(http, ws, token, token2, unlimitedToken, adminToken, rateLimitToken, publishCommand,
                inbandAuth, slow, patterns, reportDir, pingInterval, idleTimeout, ticketTtl, inbandAuthTimeout,
                replyTimeout);
    }

    public SuiteConfig withReportDir(Path dir) {
        return new SuiteConfig(http, ws, token, token2, unlimitedToken, adminToken, rateLimitToken, publishCommand,
                inbandAuth, slow, only, dir, pingInterval, idleTimeout, ticketTtl, inbandAuthTimeout, replyTimeout);
    }

    public SuiteConfig withTimings(Duration ping, Duration idle, Duration ttl, Duration inbandDeadline) {
        return new SuiteConfig(http, ws, token, token2, unlimitedToken, adminToken, rateLimitToken, publishCommand,
                inbandAuth, slow, only, reportDir, ping, idle, ttl, inbandDeadline, replyTimeout);
    }

    /** Whether a case or clause id is selected by {@link #only()}. */
    public boolean selects(ConformanceCase testCase) {
        if (only.isEmpty()) {
            return true;
        }
        return only.stream().anyMatch(p -> glob(p, testCase.id()) || glob(p, testCase.clause()));
    }

    private static boolean glob(String pattern, String id) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.trim().toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
        }
        return id.matches(regex.toString());
    }
}
