package dev.neuroinfo.ws.war;

import dev.neuroinfo.ws.server.OnFreePort;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;

/** A servlet container that can run the packaged WAR, embedded in the test's JVM. */
interface WarContainer {
    /**
     * Deploys the WAR once per deployment on 127.0.0.1:port and starts the container.
     *
     * @param war         the packaged WAR
     * @param port        a free port
     * @param work        a directory the container may use
     * @param deployments what to deploy
     * @return stops the container
     * @throws Exception with a {@link java.net.BindException} among its causes when the port was taken
     */
    AutoCloseable start(Path war, int port, Path work, List<Deployment> deployments) throws Exception;

    /** A started container and its port. */
    record Started(AutoCloseable container, int port) {
    }

    /**
     * Starts the container on a free port, again on another when the port was taken before the
     * container bound it (Jetty binds it only once it deployed the WAR, seconds later).
     *
     * @param deployments what to deploy, for the port (their settings name it)
     */
    default Started startOnFreePort(Path war, Path work, IntFunction<List<Deployment>> deployments)
            throws IOException, InterruptedException {
        return OnFreePort.port(port -> {
            try {
                return new Started(start(war, port, work, deployments.apply(port)), port);
            } catch (IOException | InterruptedException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("the container did not start on port " + port, e);
            }
        });
    }
}
