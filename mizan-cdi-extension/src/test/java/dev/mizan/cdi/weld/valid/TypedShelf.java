package dev.mizan.cdi.weld.valid;

import dev.mizan.Invalidates;
import dev.mizan.MizanContext;
import dev.mizan.MizanFunction;
import dev.mizan.Param;
import dev.mizan.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A normal-scoped bean whose types leave its class out: its client proxy is a {@link Shelf}, which runs both operations. */
@ApplicationScoped
@Typed(Shelf.class)
public class TypedShelf implements Shelf {
    private final Map<String, List<String>> shelves = new ConcurrentHashMap<>();

    @Override
    @MizanContext(value = "typedShelf", scope = Scope.PUBLIC)
    public List<String> items(@Param("shelf") String shelf) {
        return List.copyOf(shelves.getOrDefault(shelf, List.of()));
    }

    @Override
    @MizanFunction
    @Invalidates(value = "typedShelf", params = "shelf")
    public int put(@Param("shelf") String shelf, @Param("item") String item) {
        List<String> items = shelves.computeIfAbsent(shelf, s -> new CopyOnWriteArrayList<>());
        items.add(item);
        return items.size();
    }
}
