package dev.mizan.cdi.internal.runtime;

import dev.mizan.MizanException;
import dev.mizan.cdi.internal.engine.InternalFailure;
import dev.mizan.spi.ErrorMapper;
import dev.mizan.cdi.internal.engine.HttpTypes;
import java.util.List;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Turns what an application method threw into what the client sees: a {@link MizanException} as is,
 * what the HTTP layer answers itself (a JAX-RS {@code WebApplicationException}) unchanged, whatever the first
 * {@link ErrorMapper} that answers maps, and
 * everything else a {@code 500 internal} whose id is logged with the stack (never sent).
 */
final class Failures {

    private static final System.Logger LOG = System.getLogger(Failures.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private Failures() {
    }

    /**
     * @param mappers the {@link ErrorMapper}s in priority order: the first that maps wins (docs/reference/spi.md)
     */
    static RuntimeException translate(Throwable t, String operation, List<ErrorMapper> mappers, HttpTypes http) {
        if (t instanceof MizanException m) {
            return m;
        }
        if (http.passesThrough(t) && t instanceof RuntimeException r) {
            return http.passedThrough(r);
        }
        for (ErrorMapper mapper : mappers) {
            try {
                Optional<MizanException> mapped = mapper.map(t);
                if (mapped != null && mapped.isPresent()) {
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
}
