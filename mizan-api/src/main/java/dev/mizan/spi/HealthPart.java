package dev.mizan.spi;

import java.util.Map;

/**
 * One part of Mizan (the SSR pool, the {@code /events} streams, ...) reporting its state to the
 * {@code mizan} readiness check, which MicroProfile Health serves at {@code /health/ready} where the
 * server provides it. Mizan's own optional modules implement it as application-scoped CDI beans;
 * an application may add its own. The check asks every bean of this type on each health request, so
 * {@link #up()} and {@link #data()} must be cheap and must not block.
 *
 * <p>The check is DOWN while any {@linkplain #configured() configured} part is not {@linkplain #up() up};
 * a part that is not configured is left out.
 *
 * @since 0.1
 */
public interface HealthPart {

    /**
     * @return the part's name, the key of its state in the check's data (e.g. {@code ssr}) and the
     *         prefix of its other entries ({@code ssr.alive})
     */
    String name();

    /** @return whether the part is switched on in this application (a part that is off never makes the check DOWN) */
    boolean configured();

    /** @return whether the part can serve now */
    boolean up();

    /**
     * @return further entries for the check's data, keyed without the prefix; values are {@code String},
     *         {@code Long}, {@code Integer} (reported as a {@code Long}) or {@code Boolean}
     */
    default Map<String, Object> data() {
        return Map.of();
    }
}
