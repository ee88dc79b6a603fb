package dev.mizan.cache.jedis.internal;

import redis.clients.jedis.HostAndPort;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code mizan.cache.redis.*} keys, read once when the backend is created (docs/how-to/redis.md).
 * The password is kept out of {@link #toString()} and out of every message.
 *
 * @param mode     standalone, sentinel or cluster
 * @param url      where a standalone Redis answers (host, port, database; {@code rediss:} turns TLS on)
 * @param nodes    the sentinels (sentinel mode) or some cluster nodes (cluster mode)
 * @param master   the master's name known to the sentinels
 * @param timeout  connect, read and pool-wait timeout of every command
 * @param prefix   put before every key and the pub/sub channel
 * @param user     ACL user, if any
 * @param password password, if any; never logged
 * @param ssl      whether to use TLS
 * @param database the database of a standalone or Sentinel-managed Redis
 * @param poolSize connections per Redis node
 * @param counterTtl how long a counter no fill or purge touched lives, and the longest an entry lives
 */
public record RedisSettings(Mode mode, URI url, Set<HostAndPort> nodes, Optional<String> master, Duration timeout,
                            String prefix, Optional<String> user, Optional<String> password, boolean ssl,
                            int database, int poolSize, Duration counterTtl) {

    /** The key prefix of this module's settings. */
    public static final String PREFIX = "mizan.cache.redis.";
    static final String MODE = PREFIX + "mode";
    static final String URL = PREFIX + "url";
    static final String NODES = PREFIX + "nodes";
    static final String MASTER = PREFIX + "sentinel.master";
    static final String TIMEOUT = PREFIX + "timeout";
    static final String KEY_PREFIX = PREFIX + "prefix";
    static final String USER = PREFIX + "user";
    static final String PASSWORD = PREFIX + "password";
    static final String SSL = PREFIX + "ssl";
    static final String POOL_SIZE = PREFIX + "pool-size";
    static final String COUNTER_TTL = PREFIX + "counter-ttl";

    /** How Redis is deployed. */
    public enum Mode {
        /** One Redis (possibly with replicas Mizan does not use). */
        STANDALONE,
        /** A master found through Redis Sentinel, followed across failovers. */
        SENTINEL,
        /** A Redis Cluster. */
        CLUSTER
    }

    /**
     * Reads and checks every key.
     *
     * @param config reads a full config key
     * @return the settings
     * @throws IllegalArgumentException naming the key when a value is malformed or a required one is missing
     */
    public static RedisSettings read(Function<String, Optional<String>> config) {
        Function<String, Optional<String>> get = key -> config.apply(key).map(String::trim).filter(v -> !v.isEmpty());
        Mode mode = mode(get.apply(MODE).orElse("standalone"));
        URI url = url(get.apply(URL).orElse("redis://127.0.0.1:6379"));
        Set<HostAndPort> nodes = nodes(get.apply(NODES));
        Optional<String> master = get.apply(MASTER);
        if (mode != Mode.STANDALONE && nodes.isEmpty()) {
            throw Messages.missing(NODES, mode.name().toLowerCase(Locale.ROOT));
        }
        if (mode == Mode.SENTINEL && master.isEmpty()) {
            throw Messages.missing(MASTER, "sentinel");
        }
        Duration timeout = positiveDuration(TIMEOUT, get.apply(TIMEOUT).orElse("PT0.2S"), "PT0.2S");
        String[] userInfo = userInfo(url);
        Optional<String> user = get.apply(USER).or(() -> Optional.ofNullable(userInfo[0]));
        Optional<String> password = config.apply(PASSWORD).filter(v -> !v.isEmpty()).or(() -> Optional.ofNullable(userInfo[1]));
        boolean ssl = get.apply(SSL).map(RedisSettings::bool).orElse("rediss".equalsIgnoreCase(url.getScheme()));
        int poolSize = positive(POOL_SIZE, get.apply(POOL_SIZE).orElse("64"));
        Duration counterTtl = counterTtl(get.apply(COUNTER_TTL).orElse("P1D"));
        return new RedisSettings(mode, url, nodes, master, timeout, get.apply(KEY_PREFIX).orElse("mizan:"), user, password,
                ssl, database(url), poolSize, counterTtl);
    }

    /** @return the standalone address */
    public HostAndPort standaloneAddress() {
        return new HostAndPort(url.getHost(), url.getPort() > 0 ? url.getPort() : 6379);
    }

    /** @return the timeout in whole milliseconds, at least 1 */
    public int timeoutMillis() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    /** @return where Mizan connects, without any credentials, for log lines */
    public String where() {
        return switch (mode) {
            case STANDALONE -> "standalone " + standaloneAddress() + (database == 0 ? "" : " db " + database);
            case SENTINEL -> "sentinel master '" + master.orElse("") + "' via " + nodes;
            case CLUSTER -> "cluster via " + nodes;
        };
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "RedisSettings[" + where() + ", timeout=" + timeout + ", prefix=" + prefix + ", user="
                + user.orElse("(none)") + ", password=" + (password.isPresent() ? "(set)" : "(none)") + ", ssl=" + ssl
                + ", poolSize=" + poolSize + ", counterTtl=" + counterTtl + "]";
    }

    private static Mode mode(String raw) {
        try {
            return Mode.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Messages.invalid(MODE, raw, "standalone, sentinel or cluster");
        }
    }

    private static URI url(String raw) {
        try {
            URI uri = new URI(raw);
            if (uri.getHost() != null && ("redis".equalsIgnoreCase(uri.getScheme()) || "rediss".equalsIgnoreCase(uri.getScheme()))) {
                return uri;
            }
        } catch (Exception e) {
            // reported below, without echoing a value that may hold a password
        }
        throw Messages.invalid(URL, "(not shown: it may hold a password)", "redis://host:port[/database] or rediss://...");
    }

    private static Set<HostAndPort> nodes(Optional<String> raw) {
        Set<HostAndPort> nodes = new LinkedHashSet<>();
        raw.ifPresent(list -> {
            for (String part : list.split(",")) {
                String node = part.trim();
                int colon = node.lastIndexOf(':');
                if (node.isEmpty()) {
                    continue;
                }
                try {
                    nodes.add(new HostAndPort(node.substring(0, colon), Integer.parseInt(node.substring(colon + 1))));
                } catch (RuntimeException e) {
                    throw Messages.invalid(NODES, node, "host:port[,host:port...]");
                }
            }
        });
        return Set.copyOf(nodes);
    }

    private static Duration positiveDuration(String key, String raw, String example) {
        try {
            Duration d = Duration.parse(raw);
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw Messages.invalid(key, raw, "a positive ISO-8601 duration such as " + example);
    }

    /** Redis takes TTLs in whole milliseconds ({@code PX}) and refuses {@code PX 0}: less would fail every fill and purge. */
    private static Duration counterTtl(String raw) {
        try {
            Duration d = Duration.parse(raw);
            if (d.toMillis() >= 1) {
                return d;
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            // reported below
        }
        throw Messages.invalid(COUNTER_TTL, raw, "an ISO-8601 duration of at least 1 ms such as P1D");
    }

    /** @return {@link #counterTtl} in milliseconds */
    public long counterTtlMillis() {
        return counterTtl.toMillis();
    }

    /**
     * MicroProfile Config's words for true, as the core reads its booleans (docs/reference/config.md), and
     * their opposites. Anything else is refused: a mistyped {@code ssl=ture} must not switch TLS off.
     */
    private static boolean bool(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "on", "1" -> true;
            case "false", "no", "n", "off", "0" -> false;
            default -> throw Messages.invalid(SSL, raw, "a boolean (true, yes, on, 1 / false, no, off, 0)");
        };
    }

    private static int positive(String key, String raw) {
        try {
            int n = Integer.parseInt(raw);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Messages.invalid(key, raw, "a positive integer");
    }

    /** {user, password} from the URL's user info ({@code redis://user:password@host}), decoded; nulls when absent. */
    private static String[] userInfo(URI url) {
        String info = url.getRawUserInfo();
        if (info == null || info.isEmpty()) {
            return new String[2];
        }
        int colon = info.indexOf(':');
        if (colon < 0) {
            // redis://password@host, as redis-cli reads it
            return new String[]{null, decode(info)};
        }
        String user = decode(info.substring(0, colon));
        return new String[]{user.isEmpty() ? null : user, decode(info.substring(colon + 1))};
    }

    private static int database(URI url) {
        String path = url.getPath();
        if (path == null || path.length() <= 1) {
            return 0;
        }
        try {
            return Integer.parseInt(path.substring(1));
        } catch (NumberFormatException e) {
            throw Messages.invalid(URL, "(not shown: it may hold a password)", "a database number after the port, e.g. /0");
        }
    }

    /** Percent-escapes only: in a URL's user info '+' is itself (RFC 3986), not the space a form body makes it. */
    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
