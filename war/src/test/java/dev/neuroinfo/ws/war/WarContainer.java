package dev.neuroinfo.ws.war;

import java.nio.file.Path;
import java.util.List;

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
     */
    AutoCloseable start(Path war, int port, Path work, List<Deployment> deployments) throws Exception;
}
