package dev.mizan.cdi.internal.runtime;

import dev.mizan.cdi.MizanExtension;
import dev.mizan.cdi.internal.cache.OriginCache;
import dev.mizan.cdi.internal.engine.MizanSettings;
import dev.mizan.cdi.internal.key.CacheKeys;
import dev.mizan.cdi.internal.key.ParamCanonicalizer;
import dev.mizan.cdi.internal.key.Secrets;
import dev.mizan.cdi.internal.registry.Registry;
import dev.mizan.cdi.internal.telemetry.Metrics;
import dev.mizan.cdi.internal.telemetry.Telemetry;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;

/**
 * The {@link BuiltRuntime} the extension made at deployment, as a bean for Mizan's other beans.
 * Plain holders; the logic lives in the classes it hands out.
 */
@ApplicationScoped
public class MizanRuntime {

    @Inject
    MizanExtension extension;
    @Inject
    BeanManager bm;

    private BuiltRuntime built;
    private Metrics metrics;

    @PostConstruct
    void init() {
        built = extension.runtime();
        metrics = Telemetry.resolve(bm, built.registry());
    }

    public MizanSettings settings() {
        return built.settings();
    }

    public Secrets secrets() {
        return built.secrets();
    }

    public CacheKeys keys() {
        return built.keys();
    }

    public ParamCanonicalizer canonicalizer() {
        return built.canonicalizer();
    }

    /** @return the origin cache, or null when {@code mizan.cache.backend=none} */
    public OriginCache cache() {
        return built.cache();
    }

    public Jsonb jsonb() {
        return built.jsonb();
    }

    public Registry registry() {
        return built.registry();
    }

    /** @return where to count requests, purges and calls: OpenTelemetry where present, else nothing */
    public Metrics metrics() {
        return metrics;
    }
}
