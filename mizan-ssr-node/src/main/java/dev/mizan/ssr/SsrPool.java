package dev.mizan.ssr;

/**
 * The SSR pool as an application-scoped CDI bean, for a readiness check or a metrics exporter:
 * {@code CDI.current().select(SsrPool.class)}, or {@code @Inject SsrPool pool}.
 *
 * @since 0.1
 */
public interface SsrPool {

    /** @return whether {@code mizan.ssr.bundle} is set (server-side rendering on) */
    boolean enabled();

    /** @return the pool's state now; all zeros when SSR is off */
    SsrState state();
}
