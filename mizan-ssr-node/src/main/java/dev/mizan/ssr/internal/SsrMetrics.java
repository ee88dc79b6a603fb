package dev.mizan.ssr.internal;

/**
 * What the SSR pool counts through OpenTelemetry (docs/how-to/operations.md): {@code mizan.ssr.renders{outcome}}
 * and {@code mizan.ssr.render.duration}. {@link #NONE} where the OpenTelemetry API is absent, so a
 * render never reads the clock for it. The SSR module sees the rest of Mizan through {@code mizan-api}
 * alone (docs/internals/modules.md), so it has this bridge of its own beside the core's.
 */
interface SsrMetrics {

    /** Counts nothing. */
    SsrMetrics NONE = new SsrMetrics() {
    };

    /** The outcomes, as the {@code outcome} attribute spells them. */
    enum Outcome {
        OK, FALLBACK, TIMEOUT, CRASH,
        /** The bundle's render threw: the worker answered an error and stays. */
        ERROR,
        /** No worker became free in time, none could start, or the pool is stopped: no render was tried. */
        UNAVAILABLE;

        String attribute() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** @return whether anything is recorded (the pool times renders only then) */
    default boolean on() {
        return false;
    }

    /**
     * @param outcome how the render ended
     * @param nanos   how long the worker took, or -1 when not timed (a fallback)
     */
    default void rendered(Outcome outcome, long nanos) {
    }
}
