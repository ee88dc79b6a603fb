package dev.mizan.tck.framework;

import java.util.Optional;

/**
 * Every system property the TCK reads, with its meaning and default. README.md lists the same table;
 * a vendor sets them in failsafe's {@code systemPropertyVariables}.
 */
public enum TestProperty {

    /** Directory of implementation jars for WEB-INF/lib. */
    LIBS("mizan.tck.libs",
            "Directory holding the implementation jars (mizan-api, the extension, the JAX-RS layer and their runtime"
                    + " dependencies, not the server's own APIs); every jar in it goes into each deployment's WEB-INF/lib",
            null),
    /** Multiplies every timeout. */
    TIMEOUT_FACTOR("mizan.tck.timeoutFactor",
            "Multiplies every HTTP timeout the TCK uses (slow machines, debuggers)", "1.0"),
    /** Host the Arquillian URL is rewritten to. */
    HOST("mizan.tck.host",
            "Host that replaces the one in the URL Arquillian reports (some adapters report a non-loopback"
                    + " interface the server does not answer on)", "127.0.0.1"),
    /** Server root for deployments whose URL Arquillian cannot inject. */
    SERVER_URL("mizan.tck.serverUrl",
            "Root URL of the server, used by the broken-deployment tests (no URL is injected when deployment fails)",
            "http://127.0.0.1:8080"),
    /** The secret written into each deployment. */
    SECRET("mizan.tck.secret",
            "Value of mizan.secret written into each deployment's microprofile-config.properties",
            "tck-secret-0123456789abcdef0123456789abcdef"),
    /** The implementation's build-time schema tool. */
    SCHEMA_TOOL("mizan.tck.schemaTool",
            "Name of the implementation's java.util.spi.ToolProvider (on the test class path) that writes the schema"
                    + " from compiled classes with no server; it takes --classes <dir> --out <file> [--openapi <file>]"
                    + " and returns 0 (the OpenAPI test deploys the --openapi file as META-INF/openapi.json)",
            "mizan-schema"),
    /** Implementation jars with the Redis cache backend. */
    REDIS_LIBS("mizan.tck.redisLibs",
            "Directory holding the implementation jars of mizan.tck.libs plus the Redis cache backend and its dependencies;"
                    + " the health test with Redis deploys these instead",
            null),
    /** Implementation jars with the server-side rendering module. */
    SSR_LIBS("mizan.tck.ssrLibs",
            "Directory holding the implementation jars of mizan.tck.redisLibs plus the server-side rendering module (Node or"
                    + " Bun worker pool) and its dependencies; the SSR test deploys these instead, and needs node on the PATH",
            null),
    /** The Redis server binary. */
    REDIS_SERVER("mizan.tck.redisServer",
            "The redis-server binary the health test starts (and stops, by its process) on a free loopback port",
            "redis-server"),
    /** MicroProfile Health's root. */
    HEALTH("mizan.tck.health",
            "URL of MicroProfile Health's root, whose ready and live paths the health tests read; unset, the"
                    + " deployment's server root followed by health/ (WildFly serves it on the management port instead)",
            ""),
    /** MicroProfile OpenAPI's document. */
    OPENAPI("mizan.tck.openapi",
            "Where the server serves MicroProfile OpenAPI's document: a path from the server root or an absolute URL;"
                    + " the OpenAPI test asks for JSON",
            "/openapi"),
    /** The server under test, for the few assertions whose allowed outcome differs by server. */
    RUNTIME("mizan.tck.runtime",
            "Name of the server under test: wildfly, payara or liberty (the reference runner sets it from each profile);"
                    + " only payara changes outcomes: a path whose percent-encoding is not UTF-8 may be answered with the"
                    + " empty 400 Payara sends before any application code runs, and an empty list may be absent from the"
                    + " OpenAPI document Payara serves. Unset or another name: no allowance",
            ""),
    /** The Redis of a server started with mizan.cache.backend=redis. */
    CACHE_REDIS_URL("mizan.tck.cacheRedisUrl",
            "redis://host:port of the Redis that the server's cache backend uses, in a run whose server is started with"
                    + " mizan.cache.backend=redis (a server setting, not the deployments'); RedisBackendTest (tag"
                    + " redis-backend, not tck, so selected only in that run) looks there for the entry of a cached read",
            null),
    /** The key prefix of that backend. */
    CACHE_REDIS_PREFIX("mizan.tck.cacheRedisPrefix",
            "The mizan.cache.redis.prefix the server's Redis backend is started with (one of the run's own on a shared"
                    + " Redis); RedisBackendTest reads and deletes only keys under it",
            "mizan:");

    private final String key;
    private final String description;
    private final String defaultValue;

    TestProperty(String key, String description, String defaultValue) {
        this.key = key;
        this.description = description;
        this.defaultValue = defaultValue;
    }

    /** @return the system property name */
    public String key() {
        return key;
    }

    /** @return what it means */
    public String description() {
        return description;
    }

    /** @return its default, empty when it has none (it is then required where used); "" for an optional property with no value */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** @return the value set, else the default */
    public Optional<String> value() {
        String v = System.getProperty(key);
        return v == null || v.isBlank() ? defaultValue() : Optional.of(v);
    }

    /**
     * @return the value set, else the default
     * @throws IllegalStateException naming the property when neither exists
     */
    public String required() {
        return value().orElseThrow(() -> new IllegalStateException(
                "TCK property " + key + " is not set: " + description));
    }

    /** @return whether the value set, else the default, is {@code expected} */
    public boolean is(String expected) {
        return value().filter(expected::equals).isPresent();
    }

    /** @return the value as a number */
    public double asDouble() {
        return Double.parseDouble(required());
    }

    /** @return the Markdown table of every property, as README.md shows it */
    public static String markdownTable() {
        StringBuilder t = new StringBuilder("| property | default | meaning |\n|---|---|---|\n");
        for (TestProperty p : values()) {
            t.append("| `").append(p.key).append("` | ")
                    .append(p.defaultValue == null ? "(required)" : p.defaultValue.isEmpty() ? "(unset)" : "`" + p.defaultValue + "`")
                    .append(" | ").append(p.description).append(" |\n");
        }
        return t.toString();
    }
}
