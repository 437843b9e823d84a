package dev.neuroinfo.ws.server.servlet;

import dev.neuroinfo.ws.server.ServerCore;
import dev.neuroinfo.ws.server.auth.StoreException;
import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.config.Setting;
import dev.neuroinfo.ws.server.http.ApiApplication;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import java.lang.System.Logger.Level;
import java.util.EnumSet;

/**
 * The server inside a servlet container (the WAR, declared in its {@code web.xml}): the same
 * {@link ServerCore} as the embedded launcher, served on the container's one port. The
 * WebSocket endpoint goes to the container's own Jakarta WebSocket implementation at
 * {@code /api/ws}, guarded by {@link HandshakeFilter}; the HTTP API is Jersey's servlet on every
 * other path, so unknown paths get the API's JSON 404.
 */
public final class NeuroInfoWebApp implements ServletContextListener {
    /** Where a Jakarta EE container publishes its WebSocket server container. */
    static final String SERVER_CONTAINER = "jakarta.websocket.server.ServerContainer";

    private static final System.Logger LOG = System.getLogger(NeuroInfoWebApp.class.getName());

    private ServerCore core;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext servletContext = event.getServletContext();
        WebAppSettings settings = WebAppSettings.of(servletContext);
        ServerConfig config = settings.toConfig();
        if (!(servletContext.getAttribute(SERVER_CONTAINER) instanceof ServerContainer webSocket)) {
            throw new IllegalStateException("this container offers no Jakarta WebSocket server (no "
                    + SERVER_CONTAINER + " attribute); enable its WebSocket support");
        }
        limitMessageBuffers(webSocket, config.maxMessageBytes());
        core = assemble(config);
        try {
            webSocket.addEndpoint(core.webSocket().endpointConfig());
        } catch (DeploymentException e) {
            core.close();
            throw new IllegalStateException("cannot deploy the WebSocket endpoint: " + e.getMessage(), e);
        }
        register(servletContext);
        announce(servletContext, config, settings.hasPublicWebSocketUrl());
    }

    /**
     * The container's message buffers sized to the API's limit from the start, through the
     * standard API: Tomcat and Jetty then judge a frame by its declared length and close with
     * 1009 before buffering it (KA-6). One byte more than the limit, as the endpoint sets per
     * session, so that a message of exactly the limit's size plus one reaches the endpoint, which
     * closes for it with the API's reason.
     */
    private static void limitMessageBuffers(ServerContainer webSocket, int maxMessageBytes) {
        webSocket.setDefaultMaxTextMessageBufferSize(maxMessageBytes + 1);
        webSocket.setDefaultMaxBinaryMessageBufferSize(maxMessageBytes + 1);
    }

    private static ServerCore assemble(ServerConfig config) {
        try {
            // the core's first act is to lock the data directory, creating it when missing
            return ServerCore.assemble(config);
        } catch (StoreException e) {
            throw new IllegalStateException("cannot use the data directory " + config.dataDir() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The gate before the container's upgrade filter (programmatic mappings that do not match
     * after come first) and the HTTP API behind it. Nothing of ours is mapped after the container's
     * filter: WildFly maps its upgrade filter after the application's, so an application filter
     * there would run before the upgrade; {@link ApiServlet} stops a handshake that was not upgraded.
     */
    private void register(ServletContext servletContext) {
        EnumSet<DispatcherType> requests = EnumSet.of(DispatcherType.REQUEST);
        FilterRegistration.Dynamic gate = servletContext.addFilter("neuroinfo-handshake",
                new HandshakeFilter(core.webSocket()));
        gate.setAsyncSupported(true);
        gate.addMappingForUrlPatterns(requests, false, "/*");
        ServletRegistration.Dynamic api = servletContext.addServlet("neuroinfo-api",
                new ApiServlet(new ApiApplication(core.services())));
        api.setAsyncSupported(true);
        api.setLoadOnStartup(1);
        api.addMapping("/*");
    }

    private void announce(ServletContext servletContext, ServerConfig config, boolean publicUrlSet) {
        String base = servletContext.getContextPath() + "/";
        LOG.log(Level.INFO, "neuroinfo-ws deployed at {0}: HTTP API under {0}api/, WebSocket {1}, data in {2}",
                base, config.webSocketUrl(), config.dataDir().toAbsolutePath());
        if (!publicUrlSet) {
            LOG.log(Level.WARNING, "{0} is not set; tickets tell clients to connect to {1}",
                    Setting.PUBLIC_WS_URL.variable(), config.webSocketUrl());
        }
        if (core.bootstrapTokens().isPresent()) {
            // the tokens themselves are never logged: the admin token is in a file only its owner reads
            LOG.log(Level.INFO, "first start: created an admin token, saved in {0} (mode 0600); create API tokens "
                    + "with POST {1}api/admin/tokens", config.dataDir().resolve(ServerCore.ADMIN_TOKEN_FILE)
                    .toAbsolutePath(), base);
        }
    }

    /** Closes every connection (1001) and stops the server's background work. */
    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (core != null) {
            core.close();
            core = null;
        }
    }
}
