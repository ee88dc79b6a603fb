package dev.mizan.ssr;

/**
 * A snapshot of the SSR pool, for a readiness check and for monitoring.
 *
 * @param alive     workers running now
 * @param size      workers configured ({@code mizan.ssr.pool.size})
 * @param renders   pages rendered by a worker
 * @param fallbacks pages sent as the client-rendered shell because a render failed
 * @param timeouts  renders that timed out (their worker was killed and replaced)
 * @param crashes   workers that died or broke the protocol (each replaced)
 * @param errors    renders the bundle failed (it threw; the worker stays)
 * @param unavailable renders not tried: no worker became free in time, none could start, or the pool was stopped
 * @since 0.1
 */
public record SsrState(int alive, int size, long renders, long fallbacks, long timeouts, long crashes, long errors,
                       long unavailable) {

    /** @return whether at least one worker can render */
    public boolean up() {
        return alive > 0;
    }
}
