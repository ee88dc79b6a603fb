package dev.mizan.cdi.internal.engine;

import dev.mizan.cdi.internal.model.FunctionModel;
import java.util.List;

/**
 * A call's outcome, after its purges are done.
 *
 * @param function   the function called
 * @param value      what the method returned (may be a {@code jakarta.ws.rs.core.Response})
 * @param json       {@code value} serialised with Mizan's JSON-B ({@code null} when it is a {@code Response})
 * @param invalidate every invalidation the call caused, de-duplicated, in order
 * @param session    a login or logout it performed
 * @param eventId    the id of the events its purges sent ({@code Mizan-Event-Id}), null when it invalidated nothing
 */
public record CallResult(FunctionModel function, Object value, String json, List<InvalidationEntry> invalidate,
                         SessionChange session, String eventId) {

    /** Copies the list. */
    public CallResult {
        invalidate = List.copyOf(invalidate);
    }
}
