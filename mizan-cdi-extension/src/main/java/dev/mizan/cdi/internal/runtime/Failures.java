package dev.mizan.cdi.internal.runtime;

import dev.mizan.MizanException;
import dev.mizan.cdi.internal.engine.InternalFailure;
import dev.mizan.spi.ErrorMapper;
import jakarta.enterprise.inject.Instance;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Turns what an application method threw into what the client sees: a {@link MizanException} as is,
 * a JAX-RS {@code WebApplicationException} unchanged, whatever an {@link ErrorMapper} maps, and
 * everything else a {@code 500 internal} whose id is logged with the stack (never sent).
 */
final class Failures {

    private static final System.Logger LOG = System.getLogger(Failures.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private Failures() {
    }

    static RuntimeException translate(Throwable t, String operation, Instance<ErrorMapper> mappers) {
        if (t instanceof MizanException m) {
            return m;
        }
        if (isWebApplicationException(t)) {
            return (RuntimeException) t;
        }
        if (mappers.isResolvable()) {
            try {
                Optional<MizanException> mapped = mappers.get().map(t);
                if (mapped.isPresent()) {
                    return mapped.get();
                }
            } catch (RuntimeException e) {
                t.addSuppressed(e);
            }
        }
        return internal(t, operation);
    }

    static InternalFailure internal(Throwable t, String operation) {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        LOG.log(System.Logger.Level.ERROR, "MZCDI01003: '" + operation + "' failed; reference " + id, t);
        return new InternalFailure(id);
    }

    private static boolean isWebApplicationException(Throwable t) {
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals("jakarta.ws.rs.WebApplicationException")) {
                return true;
            }
        }
        return false;
    }
}
