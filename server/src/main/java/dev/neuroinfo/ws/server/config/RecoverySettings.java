package dev.neuroinfo.ws.server.config;

import dev.neuroinfo.ws.protocol.recovery.RecoveryApi;
import java.time.Duration;
import java.util.Objects;

/**
 * The recovery extension (docs/protocol.md, REC): whether the server gives events ids, keeps the
 * latest event of each type and a bounded history, and how far back that history reaches.
 *
 * @param enabled     whether the extension is on; off, events carry no id and its endpoints answer 404
 * @param historySize the most events the history keeps
 * @param historyAge  the oldest event the history keeps
 */
public record RecoverySettings(boolean enabled, int historySize, Duration historyAge) {
    /** Off, with the default bounds ready for when it is switched on. */
    public static final RecoverySettings OFF = new RecoverySettings(false, RecoveryApi.DEFAULT_HISTORY_SIZE,
            RecoveryApi.DEFAULT_HISTORY_AGE);
    /** On, with the default bounds. */
    public static final RecoverySettings ON = new RecoverySettings(true, RecoveryApi.DEFAULT_HISTORY_SIZE,
            RecoveryApi.DEFAULT_HISTORY_AGE);

    public RecoverySettings {
        Objects.requireNonNull(historyAge, "historyAge");
        if (historySize < 1) {
            throw new IllegalArgumentException("the history keeps at least one event");
        }
        if (historyAge.isNegative() || historyAge.isZero()) {
            throw new IllegalArgumentException("the history's age bound must be positive");
        }
    }
}
