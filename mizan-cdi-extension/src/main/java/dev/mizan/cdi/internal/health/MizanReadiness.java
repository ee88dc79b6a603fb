package dev.mizan.cdi.internal.health;

import dev.mizan.cdi.internal.cache.OriginCache;
import dev.mizan.cdi.internal.runtime.MizanRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The MicroProfile Health readiness check named {@code mizan}, with one data entry per part of Mizan
 * (docs/how-to/redis.md). Registered by the extension only when the MicroProfile Health API is present.
 *
 * <p>The cache reports {@code up}, {@code degraded} (reads bypass the cache: the backend is unreachable,
 * this node lost the other nodes' purges, or a purge waits to be recorded) or {@code off}. A degraded
 * cache does not make the check DOWN: calls and reads still succeed, only slower, and taking every node
 * out of the load balancer because a shared Redis is down would turn a slow service into none.
 */
@Readiness
@ApplicationScoped
public class MizanReadiness implements HealthCheck {

    @Inject
    MizanRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        // one entry per part; the SSR pool and the events subscription add theirs here
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("cache", cache(runtime.cache()));
        data.put("cache.backend", runtime.settings().cacheBackend());
        // the constructor, not HealthCheckResponse.named(): it needs no provider implementation to be present
        return new HealthCheckResponse("mizan", HealthCheckResponse.Status.UP, Optional.of(data));
    }

    private static String cache(OriginCache cache) {
        if (cache == null) {
            return "off";
        }
        return cache.serving() ? "up" : "degraded";
    }
}
