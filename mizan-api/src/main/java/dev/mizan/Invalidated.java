package dev.mizan;

import java.util.Map;
import java.util.Optional;

/**
 * CDI event fired after a purge is done, so application code can react without polling.
 * Observe it with {@code void on(@Observes Invalidated event)}. An observer that throws is logged; it
 * fails neither the call nor the purge.
 *
 * @param context the purged context's name, or empty for a whole-user purge
 * @param params  the params that narrowed the purge (JSON values as sent on the wire), empty for all entries
 * @param user    the user whose entries were purged, when the purge was per user
 * @since 0.1
 */
public record Invalidated(Optional<String> context, Map<String, Object> params, Optional<String> user) {

    /** Copies the params so the event is immutable. */
    public Invalidated {
        params = Map.copyOf(params);
    }
}
