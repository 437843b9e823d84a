package dev.neuroinfo.ws.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.protocol.Limits;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CliTest {
    @Test
    void helpExplainsEveryFlag() {
        String usage = new CommandLine(new ConformanceCli()).getUsageMessage();
        for (String flag : new String[] {"--http", "--ws", "--token", "--token2", "--unlimited-token", "--admin-token",
                "--rate-limit-token", "--publish-command", "--inband-auth", "--slow", "--only", "--report-dir",
                "--ping-interval", "--idle-timeout", "--ticket-ttl", "--inband-auth-timeout", "--reply-timeout"}) {
            assertTrue(usage.contains(flag), "--help mentions " + flag);
        }
    }

    @Test
    void webSocketUrlDefaultsToTheNextPort() {
        ConformanceCli cli = new ConformanceCli();
        new CommandLine(cli).parseArgs("--http", "http://example.net:8080", "--token", "t");
        SuiteConfig config = cli.toConfig();
        assertEquals(URI.create("ws://example.net:8081/api/ws"), config.ws());
        assertEquals(Limits.PING_INTERVAL, config.pingInterval());
        assertEquals(Limits.IDLE_TIMEOUT, config.idleTimeout());
        assertEquals(Limits.TICKET_TTL, config.ticketTtl());
        assertEquals(Limits.INBAND_AUTH_TIMEOUT, config.inbandAuthTimeout());
    }

    @Test
    void durationsAndSelectionsParse() {
        ConformanceCli cli = new ConformanceCli();
        new CommandLine(cli).parseArgs("--http", "http://h:1", "--token", "t", "--idle-timeout", "1500ms",
                "--ping-interval", "PT2S", "--only", "HS-*,TK-13a");
        SuiteConfig config = cli.toConfig();
        assertEquals(Duration.ofMillis(1500), config.idleTimeout());
        assertEquals(Duration.ofSeconds(2), config.pingInterval());
        assertTrue(config.selects(ConformanceSuite.allCases().stream().filter(c -> c.id().equals("HS-7a")).findFirst().orElseThrow()));
        assertFalse(config.selects(ConformanceSuite.allCases().stream().filter(c -> c.id().equals("TK-1a")).findFirst().orElseThrow()));
    }

    @Test
    void missingRequiredFlagIsUsageError() {
        assertEquals(2, ConformanceCli.execute("--ws", "ws://h:2/api/ws"));
    }
}
