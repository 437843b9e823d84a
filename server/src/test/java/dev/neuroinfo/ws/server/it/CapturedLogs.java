package dev.neuroinfo.ws.server.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Everything every logger publishes during each test, with the named loggers' debug lines too:
 * for tests that a client's doing costs a debug line and never a warning or a stack trace.
 */
final class CapturedLogs implements BeforeEachCallback, AfterEachCallback {
    /** Kept here: java.util.logging holds loggers weakly and would forget their level. */
    private final List<Logger> debugged;
    private final Logger root = Logger.getLogger("");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** @param debugged the loggers whose debug lines are captured as well */
    CapturedLogs(String... debugged) {
        this.debugged = Stream.of(debugged).map(Logger::getLogger).toList();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        records.clear();
        debugged.forEach(logger -> logger.setLevel(Level.FINE));
        root.addHandler(capture);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        root.removeHandler(capture);
        debugged.forEach(logger -> logger.setLevel(null));
    }

    /** What was published so far in this test. */
    List<LogRecord> records() {
        return records;
    }

    /** Whether a record is a warning or worse, or carries a stack trace. */
    static boolean loud(LogRecord record) {
        return record.getLevel().intValue() >= Level.WARNING.intValue() || record.getThrown() != null;
    }
}
