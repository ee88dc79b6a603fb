package dev.mizan.cdi.internal.engine;

/** The value of the {@code Mizan-Cache} response header. */
public enum CacheStatus {
    /** Served from the origin cache. */
    HIT,
    /** Computed and stored. */
    MISS,
    /** Computed and not stored (cache off, anonymous USER read, backend unavailable). */
    BYPASS;

    /** @return the header value */
    public String header() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
