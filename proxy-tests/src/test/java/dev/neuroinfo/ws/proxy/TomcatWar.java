package dev.neuroinfo.ws.proxy;

import dev.neuroinfo.ws.protocol.TwoPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/** The packaged WAR at the root context of an embedded Tomcat on 127.0.0.1. */
final class TomcatWar implements AutoCloseable {
    private final Tomcat tomcat;

    private TomcatWar(Tomcat tomcat) {
        this.tomcat = tomcat;
    }

    /**
     * @param war        the packaged WAR
     * @param port       ports held until Tomcat binds the first of them
     * @param work       Tomcat's base directory
     * @param parameters the WAR's settings, as context parameters
     */
    static TomcatWar start(Path war, TwoPorts.Reservation port, Path work, Map<String, String> parameters) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(work.toString());
        Connector connector = new Connector();
        connector.setPort(port.port());
        connector.setProperty("address", "127.0.0.1");
        // a port it cannot bind fails the start: by default Tomcat logs it and runs without the connector
        connector.setThrowOnFailure(true);
        tomcat.setConnector(connector);
        tomcat.getHost().setAppBase(Files.createDirectories(work.resolve("webapps")).toString());
        // no JSP engine here; the application maps every path itself
        tomcat.setAddDefaultWebXmlToWebapp(false);
        Context context = tomcat.addWebapp("", war.toString());
        parameters.forEach(context::addParameter);
        TomcatWar started = new TomcatWar(tomcat);
        // given back only now: Tomcat binds it as it starts, before it deploys the WAR
        port.close();
        try {
            tomcat.start();
        } catch (Exception e) {
            try {
                started.close();
            } catch (Exception stopping) {
                e.addSuppressed(stopping);
            }
            throw e;
        }
        if (context.getState() != LifecycleState.STARTED) {
            started.close();
            throw new IllegalStateException("the WAR did not start in Tomcat");
        }
        return started;
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
