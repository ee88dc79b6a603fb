package dev.mizan.cdi.internal.health;

import dev.mizan.cdi.internal.cache.OriginCache;
import dev.mizan.cdi.internal.runtime.MizanRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

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
        HealthCheckResponseBuilder response = HealthCheckResponse.named("mizan").up();
        response.withData("cache", cache(runtime.cache()));
        response.withData("cache.backend", runtime.settings().cacheBackend());
        return response.build();
    }

    private static String cache(OriginCache cache) {
        if (cache == null) {
            return "off";
        }
        return cache.serving() ? "up" : "degraded";
    }
}
