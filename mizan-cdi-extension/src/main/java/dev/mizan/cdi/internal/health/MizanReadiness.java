package dev.mizan.cdi.internal.health;

import dev.mizan.cdi.internal.cache.OriginCache;
import dev.mizan.cdi.internal.runtime.MizanRuntime;
import dev.mizan.spi.HealthPart;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The MicroProfile Health readiness check named {@code mizan}, with one data entry per part of Mizan
 * (docs/how-to/operations.md). Registered by the extension only when the MicroProfile Health API is present.
 *
 * <p>The cache reports {@code up}, {@code degraded} (reads bypass the cache: the backend is unreachable,
 * this node lost the other nodes' purges, or a purge waits to be recorded) or {@code off}. A degraded
 * shared backend makes the check DOWN, so that a load balancer prefers nodes that serve from the cache
 * and see the other nodes' purges; Mizan registers no liveness check, so a Redis outage never makes a
 * server restart. The other parts ({@link HealthPart} beans: the SSR pool, the events streams) add
 * their own entries and are DOWN while configured and unable to serve.
 */
@Readiness
@ApplicationScoped
public class MizanReadiness implements HealthCheck {

    @Inject
    MizanRuntime runtime;
    @Inject
    Instance<HealthPart> found;

    private List<HealthPart> parts;

    @PostConstruct
    void init() {
        // resolved once; each part's state is asked on every health request
        parts = found.stream().sorted(java.util.Comparator.comparing(HealthPart::name)).toList();
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, Object> data = new LinkedHashMap<>();
        OriginCache cache = runtime.cache();
        String cacheState = cache(cache);
        data.put("cache", cacheState);
        data.put("cache.backend", runtime.settings().cacheBackend());
        boolean up = !"degraded".equals(cacheState);
        for (HealthPart part : parts) {
            if (!part.configured()) {
                continue;
            }
            boolean partUp = part.up();
            up &= partUp;
            data.put(part.name(), partUp ? "up" : "down");
            part.data().forEach((key, value) -> data.put(part.name() + "." + key, value));
        }
        // the constructor, not HealthCheckResponse.named(): it needs no provider implementation to be present
        return new HealthCheckResponse("mizan", up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                Optional.of(data));
    }

    private static String cache(OriginCache cache) {
        if (cache == null) {
            return "off";
        }
        return cache.serving() ? "up" : "degraded";
    }
}
