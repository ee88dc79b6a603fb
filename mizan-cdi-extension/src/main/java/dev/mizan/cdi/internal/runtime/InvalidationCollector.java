package dev.mizan.cdi.internal.runtime;

import dev.mizan.cdi.internal.engine.InvalidationEntry;
import jakarta.enterprise.context.RequestScoped;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Gathers every invalidation of the current request for the call's {@code invalidate} list. */
@RequestScoped
public class InvalidationCollector {

    private final Set<InvalidationEntry> entries = new LinkedHashSet<>();
    private String eventId;
    /** Who makes the call; empty for an anonymous one, or outside a call. */
    private Optional<String> caller = Optional.empty();

    /** @param user who makes the call of this request */
    void caller(Optional<String> user) {
        caller = user;
    }

    /** @return whether {@code user} makes the call of this request */
    boolean callerIs(String user) {
        return caller.isPresent() && caller.get().equals(user);
    }

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
