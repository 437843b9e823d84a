package dev.neuroinfo.ws.war;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/** The WAR in embedded Tomcat 11, with Tomcat's own WebSocket implementation. */
class TomcatWarIT extends WarConformanceTest {
    TomcatWarIT() {
        // the gate finds "upgrade" inside the Connection header; Tomcat wants it as a token
        super("tomcat", TomcatWarIT::start, new RawHandshake.NotUpgradable("x-upgrade-x", "HTTP/1.1"), true);
    }

    /** Starts Tomcat on 127.0.0.1:port with the deployments; see {@link WarContainer#start}. */
    static AutoCloseable start(Path war, int port, Path work, List<Deployment> deployments) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(work.toString());
        Connector connector = new Connector();
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        // a port it cannot bind fails the start: by default Tomcat logs it and runs without the connector
        connector.setThrowOnFailure(true);
        tomcat.setConnector(connector);
        Path appBase = Files.createDirectories(work.resolve("webapps"));
        tomcat.getHost().setAppBase(appBase.toString());
        // no JSP engine here; the application maps every path itself
        tomcat.setAddDefaultWebXmlToWebapp(false);
        for (Deployment deployment : deployments) {
            Context context = tomcat.addWebapp(deployment.contextPath(), war.toString());
            deployment.parameters().forEach(context::addParameter);
        }
        try {
            tomcat.start();
        } catch (Exception e) {
            tomcat.destroy();
            throw e;
        }
        for (var child : tomcat.getHost().findChildren()) {
            if (child.getState() != LifecycleState.STARTED) {
                tomcat.stop();
                tomcat.destroy();
                throw new IllegalStateException("context " + child.getName() + " failed to start");
            }
        }
        return () -> {
            tomcat.stop();
            tomcat.destroy();
            // Tomcat keeps the first instance's base directory in these JVM-wide properties and a
            // later instance creates it again: a test's deleted work directory came back empty
            System.clearProperty("catalina.base");
            System.clearProperty("catalina.home");
        };
    }
}
