package dev.mizan.cdi.internal.runtime;

import dev.mizan.cdi.MizanExtension;
import dev.mizan.cdi.internal.cache.CacheBackends;
import dev.mizan.cdi.internal.cache.OriginCache;
import dev.mizan.cdi.internal.engine.MizanSettings;
import dev.mizan.cdi.internal.json.MizanJsonb;
import dev.mizan.cdi.internal.key.CacheKeys;
import dev.mizan.cdi.internal.key.ParamCanonicalizer;
import dev.mizan.cdi.internal.key.Secrets;
import dev.mizan.cdi.internal.registry.Registry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;

/**
 * The application's Mizan state, built once: settings, secrets and keys, the origin cache, Mizan's
 * JSON-B and the registry. Plain holders; the logic lives in the classes it hands out.
 */
@ApplicationScoped
public class MizanRuntime {

    private static final System.Logger LOG = System.getLogger(MizanRuntime.class.getName());

    @Inject
    MizanExtension extension;

    private MizanSettings settings;
    private Secrets secrets;
    private CacheKeys keys;
    private ParamCanonicalizer canonicalizer;
    private OriginCache cache;
    private Jsonb jsonb;
    private Registry registry;

    @PostConstruct
    void init() {
        ConfigReader config = ConfigReader.current();
        settings = config.settings();
        if (config.secret().isPresent()) {
            secrets = Secrets.of(config.secret().get(), config.previousSecret());
        } else {
            secrets = Secrets.random();
            LOG.log(System.Logger.Level.WARNING, "MZCDI01000: mizan.dev=true and no mizan.secret: using a random "
                    + "per-boot secret. Never run more than one node like this; set mizan.secret in production.");
        }
        keys = new CacheKeys(secrets.cacheSubkey());
        canonicalizer = new ParamCanonicalizer();
        if (!"none".equals(settings.cacheBackend())) {
            cache = new OriginCache(CacheBackends.load(settings.cacheBackend(), config::raw));
        }
        jsonb = MizanJsonb.create();
        registry = extension.registry();
        LOG.log(System.Logger.Level.INFO, "MZCDI01001: Mizan ready: {0} contexts, {1} functions, cache backend {2}, schema {3}",
                registry.contexts().size(), registry.functions().size(), settings.cacheBackend(), registry.schemaHash());
    }

    @PreDestroy
    void close() {
        if (cache != null) {
            cache.close();
        }
        try {
            jsonb.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "closing JSON-B", e);
        }
    }

    public MizanSettings settings() {
        return settings;
    }

    public Secrets secrets() {
        return secrets;
    }

    public CacheKeys keys() {
        return keys;
    }

    public ParamCanonicalizer canonicalizer() {
        return canonicalizer;
    }

    /** @return the origin cache, or null when {@code mizan.cache.backend=none} */
    public OriginCache cache() {
        return cache;
    }

    public Jsonb jsonb() {
        return jsonb;
    }

    public Registry registry() {
        return registry;
    }
}
