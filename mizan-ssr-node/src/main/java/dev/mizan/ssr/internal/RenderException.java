package dev.mizan.ssr.internal;

/** A render that produced no page; {@link #kind()} says why and whether the worker survived. */
public final class RenderException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a render failed. */
    public enum Kind {
        /** The bundle's render threw; the worker lives on. */
        ERROR,
        /** The worker did not answer in time; it was killed. */
        TIMEOUT,
        /** The worker died or broke the protocol. */
        CRASH,
        /** No worker became free in time, or the pool is stopped. */
        UNAVAILABLE
    }

    private final Kind kind;

    RenderException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    /** @return why the render failed */
    public Kind kind() {
        return kind;
    }
}
