package dev.mizan.cdi.weld.valid;

import dev.mizan.Invalidates;
import dev.mizan.Invalidation;
import dev.mizan.MizanContext;
import dev.mizan.MizanFunction;
import dev.mizan.Param;
import dev.mizan.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Purges whose arguments are unusual: a set, a string the canonical form refuses, a refresh read that fails with an Error. */
@ApplicationScoped
public class PurgeCornersApi {

    private final AtomicInteger version = new AtomicInteger();

    @Inject
    Invalidation invalidation;

    @MizanContext(value = "items", scope = Scope.PUBLIC)
    public String items(@Param("ids") Set<Long> ids) {
        return "v" + version.get();
    }

    @MizanFunction
    @Invalidates(value = "items", params = "ids")
    public void touch(@Param("ids") Set<Long> ids) {
        version.incrementAndGet();
    }

    /** The same purge through the Invalidation API, with a set the caller built. */
    @MizanFunction
    public void touchInProcess(@Param("ids") Set<Long> ids) {
        version.incrementAndGet();
        invalidation.context("items", Map.of("ids", ids));
    }

    @MizanContext(value = "byTag", scope = Scope.PUBLIC)
    public String byTag(@Param("tag") String tag) {
        return "t" + version.get();
    }

    @MizanContext(value = "cloud", scope = Scope.PUBLIC)
    public String cloud() {
        return "c" + version.get();
    }

    @MizanFunction
    @Invalidates(value = "byTag", params = "tag")
    @Invalidates("cloud")
    public void tag(@Param("tag") String tag) {
        version.incrementAndGet();
    }

    @MizanContext(value = "shelf", scope = Scope.PUBLIC)
    public String shelf(@Param("row") long row) {
        return "s" + version.get();
    }

    /** Purges through the Invalidation API with an Integer for the long param: the same entry. */
    @MizanFunction
    public void restockRow(@Param("row") long row) {
        version.incrementAndGet();
        invalidation.context("shelf", Map.of("row", (int) row));
    }

    /** Purges with the row as text, which is no long: refused, rather than purging a counter no entry has. */
    @MizanFunction
    public void restockRowAsText(@Param("row") long row) {
        invalidation.context("shelf", Map.of("row", Long.toString(row)));
    }

    @MizanContext(value = "boom", scope = Scope.PUBLIC, cached = false)
    public String boom() {
        throw new AssertionError("an assert in application code");
    }

    @MizanFunction
    @Invalidates("boom")
    public int poke() {
        return 1;
    }
}
