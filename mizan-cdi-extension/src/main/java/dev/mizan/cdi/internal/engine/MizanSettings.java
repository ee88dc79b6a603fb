package dev.mizan.cdi.internal.engine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code mizan.*} configuration (docs/reference/config.md), read once at start from MicroProfile Config.
 *
 * @param dev            {@code mizan.dev}
 * @param schemaEnabled  {@code mizan.schema.enabled} (default: {@code dev})
 * @param corsOrigins    {@code mizan.cors.origins}, each normalized as a request's {@code Origin} is (empty: CORS off)
 * @param csrfEnabled    {@code mizan.csrf.enabled}
 * @param cacheBackend   {@code mizan.cache.backend}
 * @param cacheTtl       {@code mizan.cache.ttl}
 * @param memoryMaxEntries {@code mizan.cache.memory.max-entries}
 * @param repurgeDelay   {@code mizan.cache.repurge-delay}
 * @param maxBody        {@code mizan.limits.max-body}, bytes
 * @param maxDepth       {@code mizan.limits.max-depth}
 * @param maxUrl         {@code mizan.limits.max-url}, bytes
 * @param tagHeader      {@code mizan.edge.tag-header}
 * @param maxRefresh     {@code mizan.limits.max-refresh}: entries a call's {@code "$refresh"} may have read
 * @param eventsEnabled  {@code mizan.events.enabled}
 * @param eventsHeartbeat {@code mizan.events.heartbeat}
 * @param eventsMaxStreams {@code mizan.events.max-streams}, per node
 * @param readyWhenCacheDegraded {@code mizan.health.ready-when-cache-degraded}
 */
public record MizanSettings(boolean dev, boolean schemaEnabled, List<String> corsOrigins, boolean csrfEnabled,
                            String cacheBackend, Duration cacheTtl, long memoryMaxEntries,
                            Optional<Duration> repurgeDelay, long maxBody, int maxDepth, int maxUrl,
                            String tagHeader, int maxRefresh, boolean eventsEnabled, Duration eventsHeartbeat,
                            int eventsMaxStreams, boolean readyWhenCacheDegraded) {

    /** Copies the list. */
    public MizanSettings {
        corsOrigins = List.copyOf(corsOrigins);
    }
}
