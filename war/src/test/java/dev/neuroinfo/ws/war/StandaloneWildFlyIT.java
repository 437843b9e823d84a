package dev.neuroinfo.ws.war;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Pattern;

/**
 * WildFly's distribution: the WAR copied into the deployment scanner's folder as {@code ROOT.war}
 * (context path /), settings from the environment. The server's own folder ({@code standalone/})
 * is copied per run, so that the unpacked distribution stays as it came.
 */
class StandaloneWildFlyIT extends StandaloneContainerTest {
    @Override
    StandaloneServer server(Path work, Path war) throws Exception {
        return new WildFly(work, war);
    }

    static final class WildFly extends StandaloneServer {
        /** WildFly's other sockets, as offsets from its HTTP port 8080: HTTPS 8443, management 9990 and 9993. */
        private static final int[] OTHER_PORTS = {8443 - 8080, 9990 - 8080, 9993 - 8080};

        WildFly(Path work, Path war) throws IOException {
            super("wildfly", work, war);
        }

        @Override
        int choosePort() throws IOException {
            return freePortWith(OTHER_PORTS);
        }

        @Override
        void install() throws IOException {
            Copies.tree(home.resolve("standalone"), base.resolve("standalone"));
            operatorEnvironment().forEach(this::environment);
            environment("JAVA_HOME", System.getProperty("java.home"));
            // the launcher runs WildFly as a child and passes SIGTERM on, as under a service manager
            environment("LAUNCH_JBOSS_IN_BACKGROUND", "true");
            deployWar();
        }

        private void deployWar() throws IOException {
            Path deployments = base.resolve("standalone/deployments");
            Path copy = deployments.resolve("ROOT.war.part");
            Files.copy(war, copy, StandardCopyOption.REPLACE_EXISTING);
            Files.move(copy, deployments.resolve("ROOT.war"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }

        @Override
        List<String> command() {
            return List.of("sh", home.resolve("bin/standalone.sh").toString(),
                    "-Djboss.server.base.dir=" + base.resolve("standalone"),
                    "-Djboss.bind.address=127.0.0.1", "-Djboss.bind.address.management=127.0.0.1",
                    "-Djboss.socket.binding.port-offset=" + (port - 8080));
        }

        @Override
        void redeploy() throws IOException {
            deployWar();
        }

        @Override
        Pattern leakReport() {
            return Pattern.compile("neuroinfo-ws-timer|WFLYSRV0.*(failed|error)|WFLYCTL0013");
        }
    }
}
