package dev.neuroinfo.ws.war;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * GlassFish 8 (Java 21+): the distribution's {@code domain1}, run in the foreground with
 * {@code bin/startserv}, the WAR deployed at {@code /} with {@code asadmin deploy}, settings from
 * the environment; then restarted, so that the tests run on a domain that deploys the WAR as it
 * starts, as it runs under a service manager.
 */
class StandaloneGlassFishIT extends StandaloneContainerTest {
    /** GlassFish 8's minimum Java version. */
    static final int JAVA = 21;

    @Override
    StandaloneServer server(Path work, Path war) throws Exception {
        return new GlassFish(work, war);
    }

    /**
     * As on Payara (the same Tyrus on Grizzly), a connection reset right after its 101 was noticed
     * at once in three runs, and only at the idle timeout in a fourth (5.1 s).
     */
    @Override
    Duration dropRelease() {
        return ContainerChecks.DROP_RELEASE_AT_IDLE_TIMEOUT;
    }

    static final class GlassFish extends StandaloneServer {
        private static final String DOMAIN = "domain1";
        private static final String APPLICATION = "neuroinfo";
        /** The ports domain1 comes with; this run moves each by the same offset as HTTP's 8080. */
        private static final int[] PORTS = {3700, 3820, 3920, 4848, 6666, 7676, 8080, 8181, 8686, 9009};
        private static final int HTTP = 8080;
        private static final int ADMIN = 4848;
        /** Where domain.xml names them: listeners' port, the JMS port property, the OSGi shell and debugger options. */
        private static final Pattern PORT = Pattern.compile("(port=\"|value=\"|telnet\\.port=|address=\\*:)("
                + Arrays.stream(PORTS).mapToObj(String::valueOf).collect(Collectors.joining("|")) + ")(?=[\"<])");
        private static final Duration TOOL_BOUND = Duration.ofSeconds(180);
        /** Whether the domain holds the deployment, which it then deploys by itself when it starts. */
        private boolean deployed;

        GlassFish(Path work, Path war) throws IOException {
            super("glassfish", work, war);
        }

        @Override
        int choosePort() throws IOException {
            return freePortWith(Arrays.stream(PORTS).map(other -> other - HTTP).toArray());
        }

        private int moved(int domain1Port) {
            return domain1Port - HTTP + port;
        }

        private Path domains() {
            return base.resolve("domains");
        }

        /** The distribution's own domain1, in a folder of this run's, on this run's ports and the loopback address. */
        @Override
        void install() throws Exception {
            operatorEnvironment().forEach(this::environment);
            environment("AS_JAVA", Jdks.javaOfAtLeast(JAVA).getParent().getParent().toString());
            Path domain = domains().resolve(DOMAIN);
            Copies.tree(home.resolve("glassfish/domains/" + DOMAIN), domain);
            Path domainXml = domain.resolve("config/domain.xml");
            String xml = Files.readString(domainXml);
            Matcher ports = PORT.matcher(xml);
            StringBuilder moved = new StringBuilder();
            int count = 0;
            while (ports.find()) {
                ports.appendReplacement(moved, ports.group(1) + moved(Integer.parseInt(ports.group(2))));
                count++;
            }
            ports.appendTail(moved);
            if (count != PORTS.length) {
                throw new IllegalStateException("expected " + PORTS.length + " ports in " + domainXml + ", found " + count);
            }
            Files.writeString(domainXml, moved.toString().replace("address=\"0.0.0.0\"", "address=\"127.0.0.1\"")
                    .replace("<network-listener port=", "<network-listener address=\"127.0.0.1\" port="));
        }

        @Override
        List<String> command() {
            return List.of("bash", home.resolve("bin/startserv").toString(), "--domaindir", domains().toString(), DOMAIN);
        }

        /**
         * The operator's installation, then the start a service manager makes: the domain started
         * once to take the deployment, stopped, and started again, deploying the WAR by itself. On
         * SIGTERM, GlassFish 8.0.0 stops its HTTP listener, closing every connection without a
         * close frame, before it stops the WAR if the WAR was first deployed while that process ran
         * (its application loader then stops after the listener); after a start that deployed the
         * WAR, it stops the WAR first, so that the WAR closes every connection with 1001
         * (docs/deployment.md).
         */
        @Override
        void start() throws Exception {
            super.start();
            if (!stop()) {
                throw new IllegalStateException(name + " did not exit after the first deployment; see " + logFile());
            }
            super.start();
        }

        /** The operator's deployment, once the domain accepts commands: the WAR at the context root. */
        @Override
        void afterLaunch() throws Exception {
            if (deployed) {
                return;
            }
            whileRunning("open its admin listener", () -> listening(moved(ADMIN)));
            deploy(false);
            deployed = true;
        }

        private static boolean listening(int port) {
            try (Socket probe = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
                return true;
            } catch (IOException notYet) {
                return false;
            }
        }

        private void deploy(boolean force) throws Exception {
            asadmin("deploy", List.of("--force=" + force, "--contextroot", "/", "--name", APPLICATION,
                    "--property", "implicitCdiEnabled=false", war.toString()));
        }

        @Override
        void redeploy() throws Exception {
            deploy(true);
        }

        /** Runs asadmin against this domain's admin listener, once it accepts commands. */
        private void asadmin(String subcommand, List<String> arguments) throws Exception {
            List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin/asadmin").toString(),
                    "--interactive=false", "--host", "127.0.0.1", "--port", String.valueOf(moved(ADMIN)), subcommand));
            command.addAll(arguments);
            runTool("asadmin-" + subcommand, TOOL_BOUND, command);
        }

        /** The domain's log: GlassFish sends its standard streams there too. */
        @Override
        Path logFile() {
            return domains().resolve(DOMAIN + "/logs/server.log");
        }

        @Override
        Pattern leakReport() {
            return Pattern.compile("neuroinfo-ws-timer|appears to have started a thread|failed to stop it");
        }
    }
}
