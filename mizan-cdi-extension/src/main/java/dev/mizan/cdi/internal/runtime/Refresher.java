package dev.mizan.cdi.internal.runtime;

import dev.mizan.cdi.internal.engine.Caller;
import dev.mizan.cdi.internal.engine.InvalidationEntry;
import dev.mizan.cdi.internal.engine.Refreshed;
import dev.mizan.cdi.internal.json.JsonTrees;
import dev.mizan.cdi.internal.key.ParamCanonicalizer;
import dev.mizan.cdi.internal.model.ContextModel;
import dev.mizan.cdi.internal.registry.Registry;
import dev.mizan.MizanException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Single-flight refresh (docs/reference/protocol.md, {@code "$refresh"}): after a call's purges, reads
 * each listed stableKey the call invalidated exactly as a {@code GET /ctx} right after would (role
 * check, caller, origin cache). What the caller may not read, what cannot be parsed and what the call
 * did not invalidate is left out without a word, and so are params the read refuses (the client's
 * mistake, as a GET's 400 would be); a read that fails otherwise is left out and logged. At most
 * {@code mizan.limits.max-refresh} reads per call, the first listed: the client refetches the others.
 */
final class Refresher {

    private static final System.Logger LOG = System.getLogger(Refresher.class.getName());

    private final DefaultMizanEngine engine;
    private final Registry registry;
    private final ParamCanonicalizer canonicalizer;
    private final PurgeCounters counters;
    private final int maxDepth;
    private final int maxReads;

    Refresher(DefaultMizanEngine engine, Registry registry, ParamCanonicalizer canonicalizer, PurgeCounters counters,
              int maxDepth, int maxReads) {
        this.engine = engine;
        this.registry = registry;
        this.canonicalizer = canonicalizer;
        this.counters = counters;
        this.maxDepth = maxDepth;
        this.maxReads = maxReads;
    }

    Map<String, Refreshed> refresh(List<String> stableKeys, List<InvalidationEntry> invalidated, Caller caller) {
        Map<String, Refreshed> out = new LinkedHashMap<>();
        if (invalidated.isEmpty()) {
            return out;
        }
        List<Stale> stale = invalidated.stream().map(this::stale).toList();
        int reads = 0;
        for (String key : new LinkedHashSet<>(stableKeys)) {
            if (reads == maxReads) {
                break;
            }
            int bar = key.indexOf('|');
            if (bar < 1) {
                continue;
            }
            Optional<ContextModel> found = registry.context(key.substring(0, bar));
            if (found.isEmpty()) {
                continue;
            }
            ContextModel ctx = found.get();
            String canonical = key.substring(bar + 1);
            Optional<JsonObject> params = parse(ctx, canonical);
            if (params.isEmpty() || !invalidatedBy(ctx, params.get(), stale) || !AccessCheck.allows(ctx.access(), caller)) {
                continue;
            }
            reads++;
            try {
                byte[] body = engine.read(ctx, params.get(), canonical, caller).body();
                out.put(key, new Refreshed(body, System.currentTimeMillis()));
            } catch (RuntimeException | LinkageError | AssertionError e) {
                // the call is done and purged: no read may fail it now, not even with an Error (an assert, a
                // class that failed to initialise). A 4xx is the client's: params the read refuses (400
                // invalid_params), or the application's own
                if (!(e instanceof MizanException m) || m.status() >= 500) {
                    LOG.log(System.Logger.Level.WARNING, "MZCDI01014: refreshing " + ctx.name()
                            + " after a call failed; the client refetches it", e);
                }
            }
        }
        return out;
    }

    /**
     * @return the params of a stableKey's canonical part, only when it is exactly the canonical form. Numbers
     *         stay literals until the canonicaliser has checked their bounds: a reader that made each a
     *         {@code BigDecimal} would spend seconds on one of a million digits (docs/reference/security.md)
     */
    private Optional<JsonObject> parse(ContextModel ctx, String canonical) {
        JsonValue value = JsonTrees.parse(canonical, maxDepth);
        if (!(value instanceof JsonObject params)) {
            return Optional.empty(); // not JSON, not an object, or nested deeper than mizan.limits.max-depth
        }
        try {
            return canonicalizer.canonical(params, counters.types(ctx)).equals(canonical) ? Optional.of(params) : Optional.empty();
        } catch (RuntimeException e) {
            // a number out of bounds, NaN, a lone surrogate: not a key a client could hold
            return Optional.empty();
        }
    }

    /**
     * What one invalidation made stale, its params' canonical form made once for all the stableKeys.
     *
     * @param canonical the canonical form of its params; null when they have none (it matches nothing)
     */
    private record Stale(String context, JsonObject params, String canonical) {
    }

    private Stale stale(InvalidationEntry e) {
        String canonical = null;
        if (!e.params().isEmpty()) {
            try {
                canonical = canonicalizer.canonicalSubset(e.params(), e.params().keySet(),
                        registry.context(e.context()).map(counters::types).orElse(Map.of()));
            } catch (RuntimeException ex) {
                // a value that cannot be canonicalised matches nothing
            }
        }
        return new Stale(e.context(), e.params(), canonical);
    }

    private boolean invalidatedBy(ContextModel ctx, JsonObject params, List<Stale> stale) {
        Map<String, String> types = counters.types(ctx);
        for (Stale e : stale) {
            if (!e.context().equals(ctx.name())) {
                continue;
            }
            if (e.params().isEmpty()) {
                return true;
            }
            try {
                if (e.canonical() != null
                        && e.canonical().equals(canonicalizer.canonicalSubset(params, e.params().keySet(), types))) {
                    return true;
                }
            } catch (RuntimeException ex) {
                // a value that cannot be canonicalised matches nothing
            }
        }
        return false;
    }
}
