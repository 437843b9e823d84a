package dev.neuroinfo.ws.protocol.recovery;

import java.time.Duration;

/**
 * The recovery extension's HTTP paths, query parameters and history defaults (docs/protocol.md,
 * REC), shared by the server, the client and the conformance suite.
 */
public final class RecoveryApi {
    /** The latest state, per event type (REC-4). */
    public static final String LATEST_PATH = "/api/events/latest";
    /** The events after a position (REC-6). */
    public static final String HISTORY_PATH = "/api/events/history";
    /** Query parameter: the epoch of the position. */
    public static final String EPOCH_PARAM = "epoch";
    /** Query parameter: the offset of the position, the last event the client has. */
    public static final String SINCE_PARAM = "since";
    /** Query parameter, repeatable: only events of these types; all types when absent. */
    public static final String TYPE_PARAM = "eventType";
    /** Default bound of the history by count (REC-5). */
    public static final int DEFAULT_HISTORY_SIZE = 1000;
    /** Default bound of the history by age (REC-5). */
    public static final Duration DEFAULT_HISTORY_AGE = Duration.ofHours(24);

    private RecoveryApi() {
    }
}
