package dev.mizan.cdi.internal.model;

import java.time.Duration;

/**
 * A context's cache settings, durations already parsed.
 *
 * @param maxAge               origin TTL
 * @param browserMaxAge        {@code max-age}
 * @param edgeMaxAge           {@code s-maxage}
 * @param staleWhileRevalidate {@code stale-while-revalidate}
 * @param cached               origin cache on
 */
public record CachePolicy(Duration maxAge, Duration browserMaxAge, Duration edgeMaxAge,
                          Duration staleWhileRevalidate, boolean cached) {
}
