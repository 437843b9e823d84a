package dev.neuroinfo.ws.war;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** Tomcat 11's distribution, with the WAR outside {@code webapps/} and its context file (docs/deployment.md). */
class StandaloneTomcatIT extends StandaloneContainerTest {
    @Override
    StandaloneServer server(Path work, Path war) throws Exception {
        return new Tomcat(work, war);
    }

    static final class Tomcat extends StandaloneServer {
        Tomcat(Path work, Path war) throws IOException {
            super("tomcat", work, war);
        }

        @Override
        void install() throws IOException {
            environment("JAVA_HOME", System.getProperty("java.home"));
            Copies.tree(home, base);
            // this run's connector: a free port on the loopback address, and no shutdown port
            Path serverXml = base.resolve("conf/server.xml");
            Files.writeString(serverXml, Files.readString(serverXml)
                    .replace("port=\"8080\"", "port=\"" + port + "\" address=\"127.0.0.1\"")
                    .replace("port=\"8005\"", "port=\"-1\""));
            // the operator's steps: no stock ROOT application, the context file names the WAR
            Copies.delete(base.resolve("webapps/ROOT"));
            Path contexts = Files.createDirectories(base.resolve("conf/Catalina/localhost"));
            Files.writeString(contexts.resolve("ROOT.xml"), operatorFile("tomcat/ROOT.xml"));
        }

        @Override
        List<String> command() {
            return List.of("sh", "bin/catalina.sh", "run");
        }

        @Override
        void redeploy() throws IOException {
            replaceWar();
        }

        @Override
        Pattern leakReport() {
            return Pattern.compile("appears to have started a thread|failed to stop it|memory leak");
        }
    }
}
