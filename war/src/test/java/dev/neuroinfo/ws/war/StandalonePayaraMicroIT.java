package dev.neuroinfo.ws.war;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Payara Micro 7 (Java 21+): the WAR from a deployment folder, at the root context, settings from
 * the environment (Payara Micro has no domain to hold them).
 */
class StandalonePayaraMicroIT extends StandaloneContainerTest {
    /** Payara 7's minimum Java version. */
    static final int JAVA = 21;

    @Override
    StandaloneServer server(Path work, Path war) throws Exception {
        return new PayaraMicro(work, war);
    }

    /**
     * Payara's Tyrus never reports the end of a connection reset right after its 101, and writes to
     * it neither complete nor fail: only the idle timeout ends it (a plain close is noticed at once).
     */
    @Override
    Duration dropRelease() {
        return ContainerChecks.DROP_RELEASE_AT_IDLE_TIMEOUT;
    }

    static final class PayaraMicro extends StandaloneServer {
        PayaraMicro(Path work, Path war) throws IOException {
            super("payara", work, war);
        }

        @Override
        void install() throws IOException {
            operatorEnvironment().forEach(this::environment);
            // this run's listener address; Payara Micro has no option for it, only its admin commands
            Files.writeString(base.resolve("preboot.asadmin"), "set configs.config.server-config.network-config."
                    + "network-listeners.network-listener.http-listener.address=127.0.0.1\n");
            deployWar();
        }

        private void deployWar() throws IOException {
            Path deployments = Files.createDirectories(base.resolve("deployments"));
            Path copy = base.resolve("ROOT.war.part");
            Files.copy(war, copy, StandardCopyOption.REPLACE_EXISTING);
            Files.move(copy, deployments.resolve("ROOT.war"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }

        @Override
        List<String> command() throws IOException {
            return List.of(Jdks.javaOfAtLeast(JAVA).toString(), "-jar", home.resolve("payara-micro.jar").toString(),
                    "--deploymentdir", base.resolve("deployments").toString(),
                    "--contextroot", "/", "--port", String.valueOf(port), "--nocluster",
                    "--prebootcommandfile", base.resolve("preboot.asadmin").toString());
        }

        /** Payara Micro deploys its folder at start only: its {@code --hotdeploy} ignores a replaced WAR. */
        @Override
        boolean redeploysInPlace() {
            return false;
        }

        @Override
        void redeploy() {
            throw new UnsupportedOperationException("Payara Micro is restarted to update the WAR");
        }

        /**
         * Payara's Tyrus completes a send once Grizzly has queued it, and Grizzly's queue is bounded
         * only by its own per-connection limit: a stalled client saw 12 MB go into that queue with
         * the server's queue limit at 200 messages, and the close it should have caused came late or
         * not at all.
         */
        @Override
        boolean reportsWritesWhenSent() {
            return false;
        }

        @Override
        Pattern leakReport() {
            return Pattern.compile("neuroinfo-ws-timer|appears to have started a thread");
        }
    }
}
