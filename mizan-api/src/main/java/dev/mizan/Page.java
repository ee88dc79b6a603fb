package dev.mizan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A server-rendered page: what an application's JAX-RS resource method returns so that
 * {@code mizan-ssr-node} renders it through its pool of Node (or Bun) workers.
 *
 * <pre>{@code
 * @GET @Produces(MediaType.TEXT_HTML)
 * public Page home() {
 *     return Page.of("home").props(Map.of("title", "Hello"))
 *             .context("greeting").script("static/home.js");
 * }
 * }</pre>
 *
 * The contexts listed here are read before rendering through {@link Contexts} (the same data, caller,
 * role checks and cache as a client's {@code GET /mizan/ctx/{name}}), handed to the bundle's
 * {@code render} as {@code data} and embedded in the page, so the browser does not fetch them again.
 * A {@code Page} is immutable: every method returns a new one.
 *
 * @since 0.1
 */
public final class Page {

    private final String entry;
    private final Object props;
    private final List<Prefetch> contexts;
    private final List<String> scripts;
    private final String title;

    private Page(String entry, Object props, List<Prefetch> contexts, List<String> scripts, String title) {
        this.entry = entry;
        this.props = props;
        this.contexts = contexts;
        this.scripts = scripts;
        this.title = title;
    }

    /**
     * A page rendered by the bundle's entry of this name.
     *
     * @param entry the name the bundle's {@code render} receives as {@code entry}
     * @return a page with no props, contexts or scripts
     */
    public static Page of(String entry) {
        return new Page(Objects.requireNonNull(entry, "entry"), null, List.of(), List.of(), null);
    }

    /**
     * @param props the props given to the entry: any value JSON-B can write (a record, a map, a bean)
     * @return a copy with these props
     */
    public Page props(Object props) {
        return new Page(entry, props, contexts, scripts, title);
    }

    /**
     * @param name a context with no params (or none given)
     * @return a copy that also prefetches this context
     */
    public Page context(String name) {
        return context(name, Map.of());
    }

    /**
     * @param name   a context's name
     * @param params its param values by name, as {@link Contexts#readJson(String, Map)} takes them
     * @return a copy that also prefetches this read
     */
    public Page context(String name, Map<String, ?> params) {
        List<Prefetch> more = new ArrayList<>(contexts);
        more.add(new Prefetch(name, params));
        return new Page(entry, props, List.copyOf(more), scripts, title);
    }

    /**
     * @param src the URL of a module script that hydrates the page (relative to the page, or absolute);
     *            it is written into the server-rendered page and into the client-rendered fallback alike
     * @return a copy that also loads this script
     */
    public Page script(String src) {
        List<String> more = new ArrayList<>(scripts);
        more.add(Objects.requireNonNull(src, "src"));
        return new Page(entry, props, contexts, List.copyOf(more), title);
    }

    /**
     * @param title the document's title (escaped when written); the bundle's {@code head} may add more
     * @return a copy with this title
     */
    public Page title(String title) {
        return new Page(entry, props, contexts, scripts, title);
    }

    /** @return the entry's name */
    public String entry() {
        return entry;
    }

    /** @return the props, or {@code null} */
    public Object props() {
        return props;
    }

    /** @return the reads to prefetch, in order */
    public List<Prefetch> contexts() {
        return contexts;
    }

    /** @return the module scripts' URLs, in order */
    public List<String> scripts() {
        return scripts;
    }

    /** @return the title, or {@code null} */
    public String title() {
        return title;
    }

    /**
     * One read to prefetch.
     *
     * @param name   the context's name
     * @param params its param values by name (null values mean "not given")
     */
    public record Prefetch(String name, Map<String, ?> params) {
        /** Checks the name and copies the params (keeping their order and null values). */
        public Prefetch {
            Objects.requireNonNull(name, "name");
            params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }
    }
}
