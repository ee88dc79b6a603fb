package dev.mizan.cdi.internal.json;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once: the static {@code jakarta.json.Json} methods run a
 * {@code ServiceLoader} lookup on every call, which showed up as class-loader resource scans on the
 * request path under load.
 */
public final class JsonProviders {

    /** The provider every request-path class uses. */
    public static final JsonProvider JSON = JsonProvider.provider();

    private JsonProviders() {
    }
}
