package dev.mizan.jaxrs.internal;

import dev.mizan.cdi.internal.engine.MizanEngine;
import jakarta.enterprise.inject.spi.CDI;

/**
 * The engine for providers that the JAX-RS runtime instantiates itself (filters): they are not
 * CDI beans, so {@code @Context} injection stays the runtime's standard one on every server.
 */
final class EngineLookup {

    private volatile MizanEngine engine;

    MizanEngine get() {
        MizanEngine e = engine;
        if (e == null) {
            e = CDI.current().select(MizanEngine.class).get();
            engine = e;
        }
        return e;
    }
}
