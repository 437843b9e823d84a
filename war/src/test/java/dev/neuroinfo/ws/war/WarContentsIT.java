package dev.neuroinfo.ws.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The WAR bundles what a servlet container lacks and nothing the container provides. */
class WarContentsIT {
    @Test
    void bundlesJerseyButNoWebSocketImplementationOrServletApi() throws IOException {
        Path war = Path.of(System.getProperty("neuroinfo.war", "target/neuroinfo-server.war"));
        try (ZipFile zip = new ZipFile(war.toFile())) {
            List<String> libs = zip.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith("WEB-INF/lib/")).map(n -> n.substring("WEB-INF/lib/".length())).toList();
            for (String needed : List.of("neuroinfo-server-", "neuroinfo-protocol-", "neuroinfo-schemas-",
                    "jersey-server-", "jersey-container-servlet-", "jersey-hk2-", "jackson-databind-",
                    "json-schema-validator-")) {
                assertTrue(libs.stream().anyMatch(l -> l.startsWith(needed)), "bundles " + needed + "*: " + libs);
            }
            List<String> provided = libs.stream().filter(l -> l.startsWith("tyrus-") || l.startsWith("grizzly-")
                    || l.startsWith("jakarta.websocket") || l.startsWith("jakarta.servlet")
                    || l.startsWith("jersey-container-grizzly") || l.startsWith("picocli")).toList();
            assertEquals(List.of(), provided, "nothing the container provides, nor the embedded launcher's libraries");
            assertTrue(zip.getEntry("WEB-INF/web.xml") != null, "a web.xml declaring the listener");
        }
    }
}
