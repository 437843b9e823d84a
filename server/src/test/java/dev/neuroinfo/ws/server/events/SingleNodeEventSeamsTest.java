package dev.neuroinfo.ws.server.events;

import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.server.TwoNodes;
import dev.neuroinfo.ws.server.config.RecoverySettings;
import dev.neuroinfo.ws.server.metrics.ServerMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event seams of a single server, as ServerCore wires them: a {@link ThrottledPublisher}
 * into the {@link Broadcaster}, which has each event recorded by the {@link FileEventHistory} in
 * the data directory before sending it. One server is both nodes of the contract.
 */
class SingleNodeEventSeamsTest extends EventSeamsContract {
    @TempDir
    Path dataDir;
    private ScheduledExecutorService timer;
    private Broadcaster broadcaster;

    @Override
    protected TwoNodes<Node> deploy(Duration window, RecoverySettings recovery) throws Exception {
        MessageCodec codec = new MessageCodec();
        FileEventHistory history = recovery.enabled()
                ? FileEventHistory.open(historyDir(), codec, recovery, Clock.systemUTC()) : null;
        ReceivedEvents received = new ReceivedEvents();
        broadcaster = new Broadcaster(codec, received, new ServerMetrics(), history != null ? history : EventJournal.NONE);
        timer = Executors.newSingleThreadScheduledExecutor();
        return TwoNodes.alone(new Node(new ThrottledPublisher(broadcaster, timer, window, Clock.systemUTC()), history,
                received));
    }

    private Path historyDir() {
        return dataDir.resolve("history");
    }

    /** A file where the history's directory was: no write there can succeed. */
    @Override
    protected void storageFails() throws IOException {
        Files.move(historyDir(), dataDir.resolve("history.away"));
        Files.writeString(historyDir(), "not a directory");
    }

    @Override
    protected void storageRecovers() throws IOException {
        Files.delete(historyDir());
        Files.move(dataDir.resolve("history.away"), historyDir());
    }

    @AfterEach
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
            broadcaster.close();
        }
    }
}
