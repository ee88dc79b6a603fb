package dev.mizan.cache.jedis.internal;


import java.util.Map;
import java.util.Set;

/**
 * At start, warns when Redis's {@code maxmemory-policy} is one that evicts keys with or without a TTL
 * ({@code allkeys-*}): it may take the purge counters of entries still in use. Under {@code noeviction}
 * and the {@code volatile-*} policies only keys with a TTL go: entries, and counters no fill or purge
 * renewed within {@code mizan.cache.redis.counter-ttl} (docs/how-to/redis.md). An evicted counter costs
 * misses, never stale reads, so this is a warning, not a failure.
 */
final class EvictionPolicyCheck {

    private static final Set<String> SAFE = Set.of("noeviction", "volatile-lru", "volatile-lfu", "volatile-random",
            "volatile-ttl");

    private EvictionPolicyCheck() {
    }

    static void run(RedisClients clients, RedisSettings settings) {
        try {
            Map<String, String> config = clients.client().configGet("maxmemory-policy");
            String policy = config.get("maxmemory-policy");
            if (policy == null) {
                Messages.policyUnknown("CONFIG GET returned no value");
            } else if (!SAFE.contains(policy)) {
                Messages.evictsCounters(settings.where(), policy);
            }
        } catch (RuntimeException e) {
            // managed services often disable CONFIG; Redis may also be down at start
            Messages.policyUnknown(Messages.reason(e));
        }
    }
}
