package dev.mizan.ssr.internal;

import dev.mizan.Contexts;
import dev.mizan.MizanException;
import dev.mizan.Page;
import dev.mizan.ssr.SsrPool;
import dev.mizan.spi.HealthPart;
import dev.mizan.ssr.SsrState;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The application's SSR pool as a CDI bean: started at deployment when {@code mizan.ssr.bundle} is
 * set, stopped by {@code @PreDestroy} on undeploy, and by a JVM shutdown hook otherwise, a hook that
 * {@code @PreDestroy} removes again so that an undeployed application's class loader is not kept alive.
 */
@ApplicationScoped
public class SsrRuntime implements SsrPool, HealthPart {

    @Inject
    Contexts contexts;
    @Inject
    BeanManager bm;

    private WorkerPool pool;
    private PageRenderer renderer;
    private Jsonb jsonb;
    private ShutdownHook hook;

    @PostConstruct
    void start() {
        Config config = ConfigProvider.getConfig();
        SsrSettings settings = SsrSettings.read(SsrSettings.raw(config));
        if (!settings.enabled()) {
            return;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        // JSON-B first: once the pool has started processes, nothing may throw before the hook holds them
        jsonb = JsonbBuilder.create();
        pool = new WorkerPool(settings, WorkerFiles.extract(settings.bundle(), loader != null ? loader : getClass().getClassLoader()),
                SsrTelemetry.resolve(bm));
        hook = ShutdownHook.install(pool::close);
        renderer = new PageRenderer(contexts, pool, jsonb, settings.failOpen());
    }

    /** Starts the pool at deployment rather than on the first page, and fails the deployment on a bad bundle. */
    void onStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // creating this bean (start()) is the whole job
    }

    @PreDestroy
    void stop() {
        if (pool == null) {
            return;
        }
        hook.remove();
        pool.close();
        try {
            jsonb.close();
        } catch (Exception e) {
            // nothing held
        }
    }

    /**
     * @param page what a resource returned
     * @param url  the request's path and query
     * @return the document
     * @throws MizanException as {@link PageRenderer#render} throws it, or 500 when SSR is off
     */
    public HtmlDocument render(Page page, String url) {
        if (renderer == null) {
            throw new MizanException(500, "internal", Messages.ssrOff());
        }
        return renderer.render(page, url);
    }

    @Override
    public boolean enabled() {
        return pool != null;
    }

    @Override
    public SsrState state() {
        return pool == null ? new SsrState(0, 0, 0, 0, 0, 0, 0, 0) : pool.state();
    }

    @Override
    public String name() {
        return "ssr";
    }

    @Override
    public boolean configured() {
        return enabled();
    }

    /** @return whether at least one worker can render (docs/how-to/operations.md) */
    @Override
    public boolean up() {
        return state().up();
    }

    /** @return {@code alive} and {@code size} of the pool, and its render counts */
    @Override
    public Map<String, Object> data() {
        SsrState s = state();
        return Map.of("alive", s.alive(), "size", s.size(), "renders", s.renders(),
                "fallbacks", s.fallbacks(), "timeouts", s.timeouts(), "crashes", s.crashes(), "errors", s.errors(),
                "unavailable", s.unavailable());
    }
}
