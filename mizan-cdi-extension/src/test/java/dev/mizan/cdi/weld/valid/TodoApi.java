package dev.mizan.cdi.weld.valid;

import dev.mizan.Invalidates;
import dev.mizan.Invalidation;
import dev.mizan.MizanContext;
import dev.mizan.MizanException;
import dev.mizan.MizanFunction;
import dev.mizan.Param;
import dev.mizan.Scope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

@ApplicationScoped
public class TodoApi {

    private final AtomicInteger computations = new AtomicInteger();
    private final AtomicInteger archived = new AtomicInteger();

    public int computations() {
        return computations.get();
    }
    private final Map<Long, List<String>> lists = new ConcurrentHashMap<>();

    @Inject
    Invalidation invalidation;

    @MizanContext(value = "todos", scope = Scope.PUBLIC)
    public List<String> todos(@Param("list") long list) {
        computations.incrementAndGet();
        return List.copyOf(lists.getOrDefault(list, List.of()));
    }

    @MizanContext(value = "mine", scope = Scope.USER)
    @RolesAllowed("user")
    public String mine(@Param("tag") String tag) {
        computations.incrementAndGet();
        return tag + "@" + computations.get();
    }

    @MizanFunction
    @Invalidates(value = "todos", params = "list")
    public int add(@Param("list") long list, @Param("title") String title) {
        lists.computeIfAbsent(list, k -> new CopyOnWriteArrayList<>()).add(title);
        return lists.get(list).size();
    }

    /** Role-protected, with a param to bind: the engine tests check the role comes before the binding. */
    @MizanFunction
    @RolesAllowed("user")
    public int archive(@Param("list") long list) {
        return archived.incrementAndGet();
    }

    public int archived() {
        return archived.get();
    }

    @MizanFunction
    public void clearAll() {
        lists.clear();
        invalidation.context("todos");
    }

    @MizanFunction
    public void fail(@Param("how") String how) {
        if ("mizan".equals(how)) {
            throw new MizanException(409, "conflict", "Already there");
        }
        throw new IllegalStateException("secret detail");
    }
}
