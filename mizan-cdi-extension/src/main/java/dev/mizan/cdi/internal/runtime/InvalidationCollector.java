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

    void add(InvalidationEntry entry) {
        entries.add(entry);
    }

    /** @return the entries, de-duplicated, in order */
    public List<InvalidationEntry> entries() {
        return List.copyOf(entries);
    }
}
