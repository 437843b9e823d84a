package dev.neuroinfo.ws.server.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class JsonLogFormatterTest {
    private final JsonLogFormatter formatter = new JsonLogFormatter();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void oneJsonObjectPerLineWithParametersFilledIn() throws Exception {
        LogRecord record = new LogRecord(Level.INFO, "revoked API token {0} by admin {1}");
        record.setParameters(new Object[] {"t_abc", "ops \"lead\"\n\u0001"});
        record.setLoggerName("dev.neuroinfo.ws.server.http.AdminTokensResource");
        record.setMillis(0);
        String line = formatter.format(record);
        assertTrue(line.endsWith("}\n") && line.indexOf('\n') == line.length() - 1, "one line: " + line);
        JsonNode parsed = json.readTree(line);
        assertEquals("1970-01-01T00:00:00Z", parsed.get("time").asText());
        assertEquals("INFO", parsed.get("level").asText());
        assertEquals("dev.neuroinfo.ws.server.http.AdminTokensResource", parsed.get("logger").asText());
        assertEquals("revoked API token t_abc by admin ops \"lead\"\n\u0001", parsed.get("message").asText());
        assertTrue(parsed.path("error").isMissingNode());
    }

    @Test
    void aThrowableBecomesTheErrorMember() throws Exception {
        LogRecord record = new LogRecord(Level.SEVERE, "store failed");
        record.setThrown(new IllegalStateException("disk full"));
        JsonNode parsed = json.readTree(formatter.format(record));
        assertTrue(parsed.get("error").asText().startsWith("java.lang.IllegalStateException: disk full"),
                parsed.get("error").asText());
        assertEquals("", parsed.get("logger").asText(), "a record without a logger name");
    }
}
