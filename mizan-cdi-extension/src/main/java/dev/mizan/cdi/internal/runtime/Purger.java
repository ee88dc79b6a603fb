package dev.mizan.cdi.internal.runtime;

import dev.mizan.Invalidated;
import dev.mizan.Scope;
import dev.mizan.cdi.internal.cache.CounterNames;
import dev.mizan.cdi.internal.engine.InvalidationEntry;
import dev.mizan.cdi.internal.key.CacheKeys;
import dev.mizan.cdi.internal.model.ContextModel;
import dev.mizan.cdi.internal.registry.Registry;
import dev.mizan.cdi.internal.cache.OriginCache;
import dev.mizan.spi.EdgePurger;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import static dev.mizan.cdi.internal.json.JsonProviders.JSON;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Carries out invalidations: records them for the call's response, then (after commit, when a JTA
 * transaction is active) increments one generation counter each, fires {@link Invalidated}, tells the
 * {@link EdgePurger} about public contexts off the request path, and purges again after
 * {@code mizan.cache.repurge-delay} when set.
 */
@ApplicationScoped
public class Purger {

    private static final System.Logger LOG = System.getLogger(Purger.class.getName());
    private static final long REPAIR_MAX_SECONDS = 30;

    @Inject
    MizanRuntime rt;
    @Inject
    InvalidationCollector collector;
    @Inject
    Event<Invalidated> events;
    @Inject
    BeanManager bm;

    private PurgeCounters counters;
    private InvalidationFeed feed;
    // the runtime's parts, held directly: each call through an application-scoped proxy costs a context lookup
    private Registry registry;
    private OriginCache cache;
    private Optional<java.time.Duration> repurgeDelay;
    private ScheduledExecutorService background;
    private final AfterCommit afterCommit = new AfterCommit();
    private final java.util.concurrent.atomic.AtomicBoolean repairing = new java.util.concurrent.atomic.AtomicBoolean();
    // resolved once, in priority order: every one is told (docs/reference/spi.md)
    private EdgePurges edges;
    private dev.mizan.cdi.internal.telemetry.Metrics metrics;
    private jakarta.json.bind.Jsonb jsonb;
    /** The USER-scope contexts: what a user purge makes stale for that user. */
    private List<String> userContexts;
    /** Each {@code @Invalidates} method's purges, planned at deployment. */
    private Map<Method, List<PlannedPurge>> planned;

    /**
     * One {@code @Invalidates}, resolved at deployment: its context, where its params come from and how
     * they are written, the counter's param group ({@link PurgeCounters#purgeGroup}) and the params its
     * event may show (a set's order tells nothing, so a set param is never shown).
     */
    private record PlannedPurge(ContextModel ctx, List<String> params, int[] argIndexes, ParamCodec[] codecs,
                                List<String> group, List<String> shown) {
    }

    @PostConstruct
    void init() {
        counters = new PurgeCounters(rt);
        registry = rt.registry();
        cache = rt.cache();
        feed = new InvalidationFeed(cache);
        repurgeDelay = rt.settings().repurgeDelay();
        metrics = rt.metrics();
        jsonb = rt.jsonb();
        planned = plan(registry, counters);
        userContexts = registry.userContextNames();
        List<EdgePurger> found = OrderedBeans.of(bm, EdgePurger.class);
        edges = new EdgePurges(found.isEmpty() ? List.of(new LoggingEdgePurger()) : found);
        afterCommit.resolve();
        background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mizan-purge");
            t.setDaemon(true);
            return t;
        });
    }

    private static Map<Method, List<PlannedPurge>> plan(Registry registry, PurgeCounters counters) {
        Map<Method, List<PlannedPurge>> out = new HashMap<>();
        // each class's methods read once: most have no bridge method, and then nothing more is looked at
        Map<Class<?>, Method[]> declaredByClass = new HashMap<>();
        registry.invalidations().forEach((method, models) -> {
            List<PlannedPurge> purges = models.stream().map(m -> {
                ContextModel ctx = registry.context(m.context()).orElseThrow();
                OperationPlan plan = counters.plan(ctx);
                return new PlannedPurge(ctx, m.params(), m.argIndexes().stream().mapToInt(Integer::intValue).toArray(),
                        m.params().stream().map(plan::codec).toArray(ParamCodec[]::new),
                        counters.purgeGroup(ctx, m.params()), shown(counters, ctx, m.params()));
            }).toList();
            out.put(method, purges);
            // Payara's EJB container hands the interceptor the bridge method a generic business interface calls
            // (add(Object) for add(String)); the bridge runs the same method, so it purges the same
            Method[] declared = declaredByClass.computeIfAbsent(method.getDeclaringClass(), Class::getDeclaredMethods);
            bridges(method, declared).forEach(bridge -> out.putIfAbsent(bridge, purges));
        });
        return Map.copyOf(out);
    }

    /**
     * @param declared the methods {@code method}'s class declares
     * @return the compiler's bridge methods among them that can only stand for {@code method}: same name and
     *         parameter count, parameters that {@code method}'s are assignable to, and no other method of the
     *         class that would fit them too
     */
    private static List<Method> bridges(Method method, Method[] declared) {
        return Arrays.stream(declared)
                .filter(b -> b.isBridge() && fits(method, b))
                .filter(b -> Arrays.stream(declared).filter(m -> !m.isBridge() && fits(m, b)).count() == 1)
                .toList();
    }

    private static boolean fits(Method method, Method bridge) {
        if (!bridge.getName().equals(method.getName()) || bridge.getParameterCount() != method.getParameterCount()) {
            return false;
        }
        Class<?>[] wanted = bridge.getParameterTypes();
        Class<?>[] given = method.getParameterTypes();
        for (int i = 0; i < given.length; i++) {
            if (!wanted[i].isAssignableFrom(given[i])) {
                return false;
            }
        }
        return true;
    }

    /** @return the params of {@code names} a purge's event may show: not the sets */
    private static List<String> shown(PurgeCounters counters, ContextModel ctx, List<String> names) {
        return names.stream().filter(n -> !counters.unordered(ctx, n)).toList();
    }

    /**
     * Stops the threads. Purges the backend lost are counted in this node's memory only, so they are repaired
     * now, once, if they can be: otherwise no node would ever move the epoch for them, and the entries they
     * should have made stale would be served until their TTL.
     */
    @PreDestroy
    void stop() {
        background.shutdownNow();
        edges.stop();
        if (cache != null && cache.degraded() && !cache.repair()) {
            LOG.log(System.Logger.Level.ERROR, "MZCDI01017: undeployed with purges the cache backend never recorded;"
                    + " entries they made stale may be served until their TTL (mizan.cache.ttl) unless another node"
                    + " moves the epoch: flush the cache (for Redis, delete the keys under mizan.cache.redis.prefix)");
        }
    }

    PurgeCounters counters() {
        return counters;
    }

    InvalidationFeed feed() {
        return feed;
    }

    /**
     * The purges of an {@code @Invalidates} method that threw, inside a JTA transaction: they run if the
     * transaction commits all the same (a checked exception does not roll back {@code @Transactional}, nor an
     * EJB application exception without {@code rollback = true}), since what the method wrote is then
     * visible. Without a transaction, a method that threw purges nothing.
     */
    void afterFailedInvocation(Method method, Object[] args) {
        if (planned.containsKey(method) && afterCommit.inTransaction()) {
            afterInvocation(method, args);
        }
    }

    /** Called by the interceptor after an {@code @Invalidates} method returned normally. */
    void afterInvocation(Method method, Object[] args) {
        List<PlannedPurge> purges = planned.get(method);
        if (purges == null) {
            return;
        }
        for (PlannedPurge p : purges) {
            JsonObjectBuilder params = JSON.createObjectBuilder();
            for (int i = 0; i < p.params().size(); i++) {
                Object arg = args[p.argIndexes()[i]];
                params.add(p.params().get(i), arg == null ? JsonValue.NULL : p.codecs()[i].normal(arg, jsonb));
            }
            submit(p.ctx(), p.group(), p.shown(), params.build());
        }
    }

    /** Records an invalidation of the Invalidation API (params named at run time) for the current call, and purges it now or after commit. */
    void submit(String context, List<String> names, JsonObject params) {
        ContextModel ctx = registry.context(context).orElseThrow();
        submit(ctx, counters.purgeGroup(ctx, names), shown(counters, ctx, names), params);
    }

    /**
     * Records an invalidation for the current call and purges it now or after commit.
     *
     * @param group the params that name its counter ({@link PurgeCounters#purgeGroup})
     * @param shownNames the params its event may show: a set's order tells nothing, and a client's read may
     *                   have sent it in another, so the client is told of every entry whatever a set's value
     *                   (counters are named from the sorted set)
     */
    private void submit(ContextModel ctx, List<String> group, List<String> shownNames, JsonObject params) {
        String counter;
        try {
            counter = counters.forPurge(ctx, group, params);
        } catch (RuntimeException e) {
            // an argument with no canonical form (a lone surrogate, a NaN): the method has run, so purge
            // the whole context, more than needed but never less, and say so to the client
            counter = counters.names(ctx).context();
            shownNames = List.of();
            params = JsonValue.EMPTY_JSON_OBJECT;
        }
        JsonObject shown = withoutNulls(params, shownNames);
        String eventId;
        try {
            collector.add(new InvalidationEntry(ctx.name(), shown));
            eventId = collector.eventId();
        } catch (ContextNotActiveException e) {
            // outside a request (a scheduled job, say): nothing to report, still purge
            eventId = EventIds.next();
        }
        InvalidationEvent event = new InvalidationEvent(eventId, ctx.name(), digest(ctx, shownNames, shown));
        String purged = counter;
        afterCommit.run(() -> purge(ctx, purged, shown, event));
    }

    /**
     * The digest of the purged stableKey when the purge names every param of the context, so a client
     * can match it against its mounted entries; a purge by some params only reaches entries with any
     * value of the others, so its event names the context alone (docs/reference/protocol.md).
     */
    private Optional<String> digest(ContextModel ctx, List<String> names, JsonObject shown) {
        Map<String, String> types = counters.types(ctx);
        if (types.isEmpty() || !names.containsAll(types.keySet())) {
            return Optional.empty();
        }
        try {
            String canonical = rt.canonicalizer().canonical(shown, types);
            return Optional.of(EventIds.sha256(CacheKeys.stableKey(ctx.name(), canonical)));
        } catch (RuntimeException e) {
            return Optional.empty(); // a value the wire could not carry: the context-wide event still holds
        }
    }

    /**
     * Purges every entry of a user, across contexts (logout, or {@code Invalidation.user}), after the
     * current transaction commits, as every purge does.
     */
    public void purgeUser(String user) {
        String counter = CounterNames.user(rt.keys().userToken(user));
        afterCommit.run(() -> {
            increment(counter);
            announce(new Invalidated(Optional.empty(), Map.of(), Optional.of(user)));
        });
    }

    /**
     * {@code Invalidation.user}: purges as {@link #purgeUser} does, and tells that user's streams on every node
     * that every USER-scope context they hold went stale. When the caller purges their own entries, the call's
     * {@code invalidate} list names those contexts too: the calling tab ignores its call's own event.
     */
    public void purgeUserAndTell(String user) {
        String token = rt.keys().userToken(user);
        String counter = CounterNames.user(token);
        String eventId;
        try {
            eventId = collector.eventId();
            if (collector.callerIs(user)) {
                userContexts.forEach(name -> collector.add(new InvalidationEntry(name, JsonValue.EMPTY_JSON_OBJECT)));
            }
        } catch (ContextNotActiveException e) {
            eventId = EventIds.next(); // outside a request (a scheduled job, say): nothing to report, still tell
        }
        UserInvalidation event = new UserInvalidation(eventId, token);
        afterCommit.run(() -> {
            record(counter, event.encode(), () -> feed.publish(event));
            announce(new Invalidated(Optional.empty(), Map.of(), Optional.of(user)));
        });
    }

    private void purge(ContextModel ctx, String counter, JsonObject params, InvalidationEvent event) {
        dropEverywhere(ctx, counter, event);
        metrics.purged(ctx.name());
        repurgeDelay.ifPresent(d -> background.schedule(() -> dropEverywhere(ctx, counter,
                new InvalidationEvent(EventIds.next(), event.context(), event.digest())), d.toMillis(), TimeUnit.MILLISECONDS));
        // last: an observer that throws must not cancel the repurge or the edge purges
        announce(new Invalidated(Optional.of(ctx.name()), new HashMap<>(params), Optional.empty()));
    }

    /**
     * Drops the entries from the origin cache, tells the clients that hold them ({@code /events}) and, for a
     * PUBLIC context, the edge caches. The repurge does all of it again: whoever read meanwhile (a client
     * told of the first purge, the call's {@code $refresh}, a CDN) may have got a lagging replica's old data.
     * It carries an event id of its own, so the calling tab, which ignores its call's echo, hears it too.
     */
    private void dropEverywhere(ContextModel ctx, String counter, InvalidationEvent event) {
        record(counter, event.encode(), () -> feed.publish(event));
        if (ctx.scope() == Scope.PUBLIC) {
            edges.tell(Set.of("mizan-ctx-" + ctx.name()));
        }
    }

    /**
     * Increments the counter with its event, which the backend hands to every node's listeners; without a
     * cache, or when the backend lost the purge, {@code local} tells this node's listeners instead (no node
     * heard of a lost one, and the repair's epoch bump tells every node's streams to resync).
     */
    private void record(String counter, String event, Runnable local) {
        if (cache == null) {
            local.run();
        } else if (!cache.purge(counter, event)) {
            local.run();
            repairLater();
        }
    }

    /** Fires {@link Invalidated}: the purge is done, so an observer's failure is logged, never the call's. */
    private void announce(Invalidated event) {
        try {
            events.fire(event);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "MZCDI01015: an observer of " + Invalidated.class.getName()
                    + " failed; the purge itself is done", e);
        }
    }

    private void increment(String counter) {
        if (cache != null && !cache.purge(counter)) {
            repairLater();
        }
    }

    /**
     * Retries the repair of lost purges off the request path, with a growing delay, until the backend
     * records it: no read is needed for the node to serve again and the other nodes to resync.
     */
    private void repairLater() {
        if (repairing.compareAndSet(false, true)) {
            scheduleRepair(1);
        }
    }

    private void scheduleRepair(int attempt) {
        long delay = Math.min(REPAIR_MAX_SECONDS, 1L << Math.min(attempt - 1, 5));
        try {
            background.schedule(() -> {
                if (cache.repair()) {
                    repairing.set(false);
                    if (cache.degraded()) {
                        repairLater(); // a purge lost while this one ran
                    }
                } else {
                    scheduleRepair(attempt + 1);
                }
            }, delay, TimeUnit.SECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            repairing.set(false); // undeployed: nothing left to repair for
        }
    }

    /** @return the members of {@code params} named in {@code names} that are not null */
    private static JsonObject withoutNulls(JsonObject params, List<String> names) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        params.forEach((k, v) -> {
            if (v.getValueType() != JsonValue.ValueType.NULL && names.contains(k)) {
                b.add(k, v);
            }
        });
        return b.build();
    }
}
