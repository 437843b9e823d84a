package dev.neuroinfo.ws.war;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Open Liberty (Jakarta EE 10 features: {@code servlet-6.0}, {@code websocket-2.1}): a server folder
 * with the operator's {@code server.xml}, the port in {@code bootstrap.properties}, the settings in
 * {@code server.env}, run in the foreground with {@code bin/server run}. The server folders live in
 * this run's {@code WLP_USER_DIR}, so that the unpacked distribution stays as it came.
 */
class StandaloneOpenLibertyIT extends StandaloneContainerTest {
    @Override
    StandaloneServer server(Path work, Path war) throws Exception {
        return new OpenLiberty(work, war);
    }

    static final class OpenLiberty extends StandaloneServer {
        private static final String SERVER = "neuroinfo";
        private static final Duration STOP_TOOL_BOUND = Duration.ofSeconds(120);

        OpenLiberty(Path work, Path war) throws IOException {
            super("liberty", work, war);
        }

        private Path serverDir() {
            return base.resolve("usr/servers/" + SERVER);
        }

        @Override
        void install() throws IOException {
            environment("JAVA_HOME", System.getProperty("java.home"));
            environment("WLP_USER_DIR", base.resolve("usr").toString());
            Path server = Files.createDirectories(serverDir());
            Files.writeString(server.resolve("server.xml"), operatorFile("liberty/server.xml"));
            Files.writeString(server.resolve("server.env"), operatorFile("neuroinfo.env"));
            Files.writeString(server.resolve("bootstrap.properties"), "http.host=127.0.0.1\nhttp.port=" + port + "\n");
        }

        /**
         * {@code server stop --force}: on SIGTERM, and on a plain {@code server stop}, Liberty first
         * quiesces, which drops every WebSocket connection without a close frame before the WAR is
         * stopped; without the quiesce the WAR stops first and closes them with 1001.
         */
        @Override
        void requestStop() throws Exception {
            runTool("server-stop", STOP_TOOL_BOUND, List.of("sh", home.resolve("bin/server").toString(), "stop", SERVER, "--force"));
        }

        @Override
        List<String> command() {
            return List.of("sh", home.resolve("bin/server").toString(), "run", SERVER);
        }

        /** Liberty polls the application file and restarts the application when it changes. */
        @Override
        void redeploy() throws IOException {
            replaceWar();
        }

        /** Liberty's own log; its console shows only audit messages and above. */
        @Override
        Path logFile() {
            return serverDir().resolve("logs/messages.log");
        }

        /**
         * Liberty does not look for threads an application left running; what it logs at error
         * level while the WAR is replaced, and any mention of the WAR's timer thread, stand in.
         */
        @Override
        Pattern leakReport() {
            return Pattern.compile("neuroinfo-ws-timer|\\s[EF] [A-Z]{4,5}\\d{4}E:");
        }
    }
}
