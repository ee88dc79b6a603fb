package dev.mizan.cdi.internal.health;

import dev.mizan.cdi.MizanExtension;
import dev.mizan.cdi.internal.cache.OriginCache;
import dev.mizan.cdi.internal.runtime.BuiltRuntime;
import dev.mizan.cdi.internal.runtime.OrderedBeans;
import dev.mizan.spi.HealthPart;
import jakarta.enterprise.inject.spi.BeanManager;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The MicroProfile Health readiness check named {@code mizan}, with one data entry per part of Mizan
 * (docs/how-to/operations.md). The instance of the synthetic {@link ReadinessBean}, made only where the
 * MicroProfile Health API is present.
 *
 * <p>The cache reports {@code up}, {@code degraded} (reads bypass the cache: the backend is unreachable,
 * this node lost the other nodes' purges, or a purge waits to be recorded) or {@code off}. A degraded
 * cache makes the check DOWN, so that a load balancer prefers nodes that serve from the cache and see
 * the other nodes' purges, unless {@code mizan.health.ready-when-cache-degraded} says otherwise. Mizan
 * registers no liveness check, so a Redis outage never makes a server restart. The other parts
 * ({@link HealthPart} beans: the SSR pool, the events streams) add their own entries and are DOWN while
 * configured and unable to serve.
 */
final class MizanReadiness implements HealthCheck {

    private final BeanManager bm;
    /**
     * Resolved on the first call: servers make health checks while the deployment is validated, before
     * Mizan's runtime exists.
     */
    private volatile Parts resolved;

    MizanReadiness(BeanManager bm) {
        this.bm = bm;
    }

    private record Parts(BuiltRuntime runtime, List<HealthPart> others) {
    }

    @Override
    public HealthCheckResponse call() {
        Optional<Parts> found = parts();
        Map<String, Object> data = new LinkedHashMap<>();
        if (found.isEmpty()) {
            // asked while the deployment is validated, or after it ended: not ready, and nothing to report yet
            data.put("cache", "starting");
            return response(false, data);
        }
        Parts parts = found.get();
        String cacheState = cache(parts.runtime().cache());
        data.put("cache", cacheState);
        data.put("cache.backend", parts.runtime().settings().cacheBackend());
        // mizan.health.ready-when-cache-degraded: with a shared Redis every node degrades at once, and a load
        // balancer left with no ready node would serve nothing, though reads bypass the cache and calls work
        boolean up = !"degraded".equals(cacheState) || parts.runtime().settings().readyWhenCacheDegraded();
        for (HealthPart part : parts.others()) {
            up &= report(part, data);
        }
        return response(up, data);
    }

    /**
     * Adds a part's entries. A part that throws (an application's, say) counts as down, with the exception's
     * class as {@code <name>.error}, so that it hides neither the other parts nor the cache's state. Its
     * message stays out: the check's data may be public, and a message may hold anything.
     *
     * @return false when the part is configured and not up
     */
    private static boolean report(HealthPart part, Map<String, Object> data) {
        String name = part.name();
        try {
            if (!part.configured()) {
                return true;
            }
            boolean partUp = part.up();
            Map<String, Object> entries = new LinkedHashMap<>();
            part.data().forEach((key, value) -> entries.put(name + "." + key, value(value)));
            data.put(name, partUp ? "up" : "down");
            data.putAll(entries);
            return partUp;
        } catch (RuntimeException e) {
            data.put(name, "down");
            data.put(name + ".error", e.getClass().getName());
            return false;
        }
    }

    private static HealthCheckResponse response(boolean up, Map<String, Object> data) {
        // the constructor, not HealthCheckResponse.named(): it needs no provider implementation to be present
        return new HealthCheckResponse("mizan", up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                Optional.of(data));
    }

    private Optional<Parts> parts() {
        Parts p = resolved;
        if (p == null) {
            Optional<BuiltRuntime> runtime = bm.getExtension(MizanExtension.class).runtimeIfBuilt();
            if (runtime.isEmpty()) {
                return Optional.empty();
            }
            // the extension recorded the HealthPart beans wherever they live (see SpiBeans); a race only resolves twice
            List<HealthPart> others = OrderedBeans.of(bm, HealthPart.class).stream()
                    .sorted(Comparator.comparing(HealthPart::name)).toList();
            p = new Parts(runtime.get(), others);
            resolved = p;
        }
        return Optional.of(p);
    }

    /**
     * MicroProfile Health's data values are {@code String}, {@code long} and {@code boolean}: WildFly's
     * reporter leaves an {@code Integer} out of {@code /health/ready}, so whole numbers go as {@code Long}.
     */
    private static Object value(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        return value;
    }

    private static String cache(OriginCache cache) {
        if (cache == null) {
            return "off";
        }
        return cache.serving() ? "up" : "degraded";
    }
}
