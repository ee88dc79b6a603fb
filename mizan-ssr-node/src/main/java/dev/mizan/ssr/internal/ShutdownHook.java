package dev.mizan.ssr.internal;

/**
 * Ends a pool's workers when the JVM exits (SIGTERM, {@code System.exit}); removed again when the
 * pool is stopped normally (undeploy), so the JVM keeps no reference to the application's classes.
 */
public final class ShutdownHook {

    private final Thread thread;

    private ShutdownHook(Thread thread) {
        this.thread = thread;
    }

    /**
     * @param close what ends the workers (the pool's {@code close})
     * @return the installed hook
     */
    public static ShutdownHook install(Runnable close) {
        Thread t = new Thread(close, "mizan-ssr-shutdown");
        Runtime.getRuntime().addShutdownHook(t);
        return new ShutdownHook(t);
    }

    Thread thread() {
        return thread;
    }

    /** Removes the hook; harmless while the JVM is already shutting down. */
    public void remove() {
        try {
            Runtime.getRuntime().removeShutdownHook(thread);
        } catch (IllegalStateException e) {
            // the JVM is exiting: the hook runs (or ran) anyway
        }
    }
}
