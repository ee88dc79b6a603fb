package dev.mizan;

import java.util.Map;

/**
 * In-process reads of contexts, through the same role checks, validation and cache as HTTP reads.
 * Used by server-side rendering to prefetch a page's data. Inject it into any CDI bean.
 *
 * @since 0.1
 */
public interface Contexts {

    /**
     * Reads a context for the current caller.
     *
     * @param context the context's name
     * @param params  param values by name, as the method declares them (absent or null: not given)
     * @return the result as JSON text, exactly the bytes {@code GET /mizan/ctx/{name}} would send
     * @throws MizanException with {@code unknown_context}, {@code invalid_params},
     *                        {@code unauthenticated} or {@code forbidden}
     */
    String readJson(String context, Map<String, ?> params);

    /**
     * The client-side key of a read, {@code name + "|" + canonical params}, under which hydration
     * data is seeded.
     *
     * @param context the context's name
     * @param params  param values by name
     * @return the stable key
     */
    String stableKey(String context, Map<String, ?> params);

    /**
     * The scope a context declares, so that a server-rendered page embedding a {@link Scope#USER}
     * read can be sent {@code Cache-Control: private, no-store}.
     *
     * @param context the context's name
     * @return its scope
     * @throws MizanException with {@code unknown_context}
     * @since 0.1
     */
    Scope scope(String context);
}
