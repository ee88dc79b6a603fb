package dev.mizan.cdi.internal.runtime;

import dev.mizan.cdi.internal.engine.InvalidationEntry;
import jakarta.enterprise.context.RequestScoped;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Gathers every invalidation of the current request for the call's {@code invalidate} list. */
@RequestScoped
public class InvalidationCollector {

    private final Set<InvalidationEntry> entries = new LinkedHashSet<>();
    private String eventId;

    void add(InvalidationEntry entry) {
        entries.add(entry);
    }

    /** @return the id every event of this request's purges carries ({@code Mizan-Event-Id}), made on first use */
    public String eventId() {
        if (eventId == null) {
            eventId = EventIds.next();
        }
        return eventId;
    }

    /** @return the event id, or null when nothing was invalidated */
    public String eventIdIfAny() {
        return eventId;
    }

    /** @return the entries, de-duplicated, in order */
    public List<InvalidationEntry> entries() {
        return List.copyOf(entries);
    }
}
