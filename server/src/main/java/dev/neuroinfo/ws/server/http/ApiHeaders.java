package dev.neuroinfo.ws.server.http;

import java.util.List;
import java.util.Map;

/**
 * Headers every answer of the HTTP API carries, errors included, whichever adapter writes it
 * ({@link ResponseHeadersFilter} in Jersey, the embedded server's ticket handler):
 * {@code Cache-Control: no-store} everywhere (tickets and tokens are credentials, and nothing here
 * is worth caching), and open CORS outside {@code /api/admin/} (TK-10; the admin API is not for
 * web pages, ADM-1).
 */
public final class ApiHeaders {
    /** The header of RL4's wait, which CORS exposes to web pages. */
    public static final String RETRY_AFTER = "Retry-After";

    private static final String ADMIN_PREFIX = "api/admin";
    private static final Map.Entry<String, String> NO_STORE = Map.entry("Cache-Control", "no-store");
    private static final List<Map.Entry<String, String>> ADMIN = List.of(NO_STORE);
    private static final List<Map.Entry<String, String>> PUBLIC = List.of(NO_STORE,
            Map.entry("Access-Control-Allow-Origin", "*"),
            Map.entry("Access-Control-Allow-Methods", "GET, OPTIONS"),
            Map.entry("Access-Control-Allow-Headers", "Authorization"),
            Map.entry("Access-Control-Expose-Headers", RETRY_AFTER));

    private ApiHeaders() {
    }

    /**
     * The headers for an answer on a path, in the order they are sent.
     *
     * @param path the request's path below the application's root, with or without its leading slash
     */
    public static List<Map.Entry<String, String>> forPath(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return relative.startsWith(ADMIN_PREFIX) ? ADMIN : PUBLIC;
    }
}
