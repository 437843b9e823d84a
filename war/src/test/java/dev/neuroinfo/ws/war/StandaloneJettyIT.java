package dev.neuroinfo.ws.war;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/** Jetty 12.1's distribution (ee11): a Jetty base with the documented modules and context file. */
class StandaloneJettyIT extends StandaloneContainerTest {
    /** The modules docs/deployment.md names. */
    static final String MODULES = "http,ee11-deploy,ee11-websocket-jakarta,graceful";

    @Override
    StandaloneServer server(Path work, Path war) throws Exception {
        return new Jetty(work, war);
    }

    static final class Jetty extends StandaloneServer {
        Jetty(Path work, Path war) throws IOException {
            super("jetty", work, war);
        }

        @Override
        void install() throws Exception {
            runTool("add-modules", Duration.ofSeconds(60),
                    List.of(java(), "-jar", home.resolve("start.jar").toString(), "--add-modules=" + MODULES));
            Files.writeString(Files.createDirectories(base.resolve("webapps")).resolve("root.xml"),
                    operatorFile("jetty/root.xml"));
        }

        @Override
        List<String> command() {
            return List.of(java(), "-jar", home.resolve("start.jar").toString(), "jetty.http.host=127.0.0.1",
                    "jetty.http.port=" + port, "jetty.deploy.scanInterval=1");
        }

        /**
         * Undeploys, then deploys again, as docs/deployment.md says: Jetty 12.1's own redeploy starts
         * the new deployment before it stops the old one, and the WAR refuses to share its data
         * directory with a server that still runs.
         */
        @Override
        void redeploy() throws Exception {
            Path context = base.resolve("webapps/root.xml");
            Path aside = base.resolve("root.xml");
            Files.move(context, aside);
            whileRunning("undeploy the WAR", () -> healthStatus() == 404);
            Files.move(aside, context);
        }

        @Override
        Pattern leakReport() {
            // Jetty reports no leaked threads of its own; a failed stop of the WAR is what it logs
            return Pattern.compile("neuroinfo-ws-timer|FAILED .*WebAppContext");
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
