package dev.mizan.cdi.internal.runtime;

import dev.mizan.cdi.internal.cache.CacheBackends;
import dev.mizan.cdi.internal.cache.OriginCache;
import dev.mizan.cdi.internal.config.MizanConfig;
import dev.mizan.cdi.internal.engine.MizanSettings;
import dev.mizan.cdi.internal.json.MizanJsonb;
import dev.mizan.cdi.internal.key.CacheKeys;
import dev.mizan.cdi.internal.key.ParamCanonicalizer;
import dev.mizan.cdi.internal.key.Secrets;
import dev.mizan.cdi.internal.registry.Registry;
import jakarta.json.bind.Jsonb;

/**
 * The application's Mizan state, built once by the extension at deployment (so a missing or broken
 * part fails the deployment, docs/internals/read-and-call-paths.md): settings, secrets and keys, the
 * origin cache, Mizan's JSON-B and the registry. Plain Java.
 *
 * @param settings      the converted {@code mizan.*} settings
 * @param secrets       the secret and its subkeys
 * @param keys          the cache-key function
 * @param canonicalizer the params canonicaliser
 * @param cache         the origin cache, or null when {@code mizan.cache.backend=none}
 * @param jsonb         Mizan's own JSON-B
 * @param registry      the operations
 */
public record BuiltRuntime(MizanSettings settings, Secrets secrets, CacheKeys keys, ParamCanonicalizer canonicalizer,
                           OriginCache cache, Jsonb jsonb, Registry registry) implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(BuiltRuntime.class.getName());

    /**
     * Builds everything; logs the dev-secret warning and the one INFO line.
     *
     * @throws jakarta.enterprise.inject.spi.DeploymentException numbered, when the cache backend is missing or broken
     */
    public static BuiltRuntime build(MizanConfig config, Registry registry) {
        MizanSettings settings = config.settings();
        OriginCache cache = CacheBackends.NONE.equals(settings.cacheBackend())
                ? null : new OriginCache(CacheBackends.create(settings, config::raw));
        Secrets secrets;
        if (config.secret().isPresent()) {
            secrets = Secrets.of(config.secret().get(), config.previousSecret());
        } else {
            secrets = Secrets.random();
            LOG.log(System.Logger.Level.WARNING, "MZCDI01000: mizan.dev=true and no mizan.secret: using a random "
                    + "per-boot secret. Never run more than one node like this; set mizan.secret in production.");
        }
        BuiltRuntime rt = new BuiltRuntime(settings, secrets, new CacheKeys(secrets.cacheSubkey()), new ParamCanonicalizer(),
                cache, MizanJsonb.create(), registry);
        LOG.log(System.Logger.Level.INFO, "MZCDI01001: Mizan ready: {0} contexts, {1} functions, cache backend {2}, "
                        + "schema {3} (/mizan/schema {4}), CSRF {5}, dev mode {6}",
                registry.contexts().size(), registry.functions().size(), settings.cacheBackend(), registry.schemaHash(),
                settings.schemaEnabled() ? "on" : "off", settings.csrfEnabled() ? "on" : "off", settings.dev() ? "on" : "off");
        return rt;
    }

    @Override
    public void close() {
        if (cache != null) {
            cache.close();
        }
        try {
            jsonb.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "MZCDI01009: closing Mizan's JSON-B failed", e);
        }
    }
}
