package dev.mizan.ssr.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** What the pool has done, for the Health check and for tests ({@code SsrState}). */
final class PoolCounters {
    final AtomicInteger alive = new AtomicInteger();
    final LongAdder renders = new LongAdder();
    final LongAdder fallbacks = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder crashes = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder unavailable = new LongAdder();
}
