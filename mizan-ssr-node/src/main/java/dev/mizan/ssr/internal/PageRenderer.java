package dev.mizan.ssr.internal;

import dev.mizan.Contexts;
import dev.mizan.MizanException;
import dev.mizan.Page;
import jakarta.json.bind.Jsonb;

/**
 * Renders a {@link Page}: prefetch its contexts, render it on the pool, and fall back to the
 * client-rendered shell with the same data when the render fails (unless {@code mizan.ssr.fail-open=false}).
 * Plain Java, so it runs without a container in tests and benchmarks.
 */
public final class PageRenderer {

    private final Contexts contexts;
    private final WorkerPool pool;
    private final Jsonb jsonb;
    private final boolean failOpen;

    /**
     * @param contexts in-process reads for the current caller
     * @param pool     the workers
     * @param jsonb    writes the props
     * @param failOpen {@code mizan.ssr.fail-open}
     */
    public PageRenderer(Contexts contexts, WorkerPool pool, Jsonb jsonb, boolean failOpen) {
        this.contexts = contexts;
        this.pool = pool;
        this.jsonb = jsonb;
        this.failOpen = failOpen;
    }

    /**
     * @param page what to render
     * @param url  the request's path and query, handed to the bundle
     * @return the document to send
     * @throws MizanException from a prefetch (401, 403, 400, 404), 503 {@code unavailable} when the
     *                        render failed and fail-open is off, or a {@link PageFailure} (500
     *                        {@code internal}) when JSON-B cannot write the props or anything else failed
     */
    public HtmlDocument render(Page page, String url) {
        try {
            return prefetchAndRender(page, url);
        } catch (MizanException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // a prefetch param JSON-B cannot write, say: the page's Application is the user's, where Mizan's
            // error mapping does not apply, so this would be the container's own HTML 500
            throw Messages.pageFailed(page.entry(), e);
        }
    }

    private HtmlDocument prefetchAndRender(Page page, String url) {
        String props = props(page); // first: a page that cannot be sent reads no data
        Prefetched data = Prefetched.read(contexts, page);
        String contextsOnly = "{\"contexts\":" + data.contextsJson() + "}";
        StringBuilder client = new StringBuilder(contextsOnly.length() + props.length() + 64)
                .append("{\"contexts\":").append(data.contextsJson()).append(",\"readAt\":").append(data.readAt()).append(",\"entry\":");
        JsonText.string(client, page.entry());
        client.append(",\"props\":").append(props).append('}');
        try {
            RenderResult r = pool.render(new RenderRequest(page.entry(), props, url, contextsOnly));
            return new HtmlDocument(page.title(), r.head(), r.html(), true, client.toString(), page.scripts(), data.userData());
        } catch (RenderException e) {
            if (!failOpen) {
                Messages.renderFailedNoFallback(page.entry(), e.getMessage());
                throw new MizanException(503, "unavailable", Messages.unavailable());
            }
            pool.countFallback();
            Messages.renderFailedFallback(page.entry(), e.getMessage());
            return new HtmlDocument(page.title(), new byte[0], new byte[0], false, client.toString(), page.scripts(),
                    data.userData());
        }
    }

    /**
     * Props JSON-B cannot write are a fault of the application, not of the render: neither the page nor
     * the fallback shell (which carries them too) can be sent, so the client gets {@code 500 internal}
     * with an id and the log the stack. JSON-B refuses NaN and the infinities, and overflows the stack on
     * a map or list that contains itself.
     */
    private String props(Page page) {
        if (page.props() == null) {
            return "{}";
        }
        try {
            return jsonb.toJson(page.props());
        } catch (RuntimeException | StackOverflowError e) {
            throw Messages.propsNotWritable(page.entry(), e);
        }
    }
}
