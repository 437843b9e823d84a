package dev.neuroinfo.ws.server.events;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.recovery.HistoryPage;
import dev.neuroinfo.ws.protocol.recovery.LatestState;
import java.util.Set;

/**
 * What the recovery extension reads (docs/protocol.md, REC): the latest event of each type and
 * the bounded history of the deployment's events. On one node it lives in the data directory; in
 * a cluster, in Redis.
 */
public interface EventHistory {
    /** The last event of each type still known, and the newest offset issued. */
    LatestState latest();

    /**
     * The events after a position, of the given types.
     *
     * @param epoch the position's epoch
     * @param since the position's offset: the last event the asker has (0 for none of this epoch)
     * @param types the types wanted, never empty
     */
    HistoryPage since(String epoch, long since, Set<EventType> types);
}
