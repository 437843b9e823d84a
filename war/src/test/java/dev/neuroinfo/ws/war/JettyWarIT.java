package dev.neuroinfo.ws.war;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/** The WAR in embedded Jetty 12.1 (ee11), with Jetty's own Jakarta WebSocket implementation. */
class JettyWarIT extends WarConformanceTest {
    JettyWarIT() {
        // Jetty upgrades every handshake the gate admits: it refuses HTTP/1.0 (now refused by the gate
        // too, HS-4) and answers a Connection header without the "upgrade" token 400 itself
        super("jetty", JettyWarIT::start, null, false);
    }

    private static AutoCloseable start(Path war, int port, Path work, List<Deployment> deployments) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        int n = 0;
        for (Deployment deployment : deployments) {
            WebAppContext webapp = new WebAppContext();
            webapp.setContextPath(deployment.contextPath().isEmpty() ? "/" : deployment.contextPath());
            webapp.setWar(war.toString());
            webapp.setTempDirectory(Files.createDirectories(work.resolve("webapp-" + n++)).toFile());
            webapp.setThrowUnavailableOnStartupException(true);
            deployment.parameters().forEach(webapp::setInitParameter);
            contexts.addHandler(webapp);
        }
        server.setHandler(contexts);
        // as the distribution's graceful module: a stop stops the applications before the connectors,
        // so that the WAR closes its connections with 1001 (KA-7) while they are still open
        server.setStopTimeout(5_000);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return () -> {
            server.stop();
            server.join();
        };
    }
}
