package dev.neuroinfo.ws.client;

import dev.neuroinfo.ws.protocol.recovery.RecoveryGap;
import java.util.Optional;

/**
 * Events this client may have missed and could not recover (docs/protocol.md, REC-7), told to
 * {@link ConnectionListener#eventsMissed}. The latest event of each subscribed type follows it to
 * the listeners, newer than {@code lastOffset} where the epoch is the same.
 *
 * @param reason     why the history could not give them; empty when the server could not be asked
 *                   (the request failed)
 * @param lastEpoch  the epoch of the last event this client handled
 * @param lastOffset the offset of that event
 */
public record EventGap(Optional<RecoveryGap> reason, String lastEpoch, long lastOffset) {
}
