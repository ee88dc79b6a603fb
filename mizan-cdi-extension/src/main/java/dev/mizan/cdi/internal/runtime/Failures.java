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
 * Turns what an application method threw (unwrapped from a session bean's {@code EJBException}) into what
 * the client sees: a {@link MizanException} as is, the EJB container's refusal of the caller as Mizan's own
 * role check answers it,
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
     * An EJB container hands the caller an unchecked exception of a session bean that is no
     * {@code @ApplicationException} inside an {@code EJBException} (or a subclass), and its own refusal of the
     * caller as an {@code EJBAccessException} (on Payara with an {@code AccessLocalException} inside). Mizan
     * looks inside the wrappers, so that a {@link MizanException} keeps its status, an {@link ErrorMapper}
     * sees the application's exception, and a refusal answers as Mizan's role check does
     * (docs/reference/annotations.md, "Session beans"). The classes are named, not imported: an application
     * without Enterprise Beans has none.
     *
     * @param mappers   the {@link ErrorMapper}s in priority order: the first that maps wins (docs/reference/spi.md)
     * @param anonymous whether the caller is anonymous (a refusal is then {@code 401}, else {@code 403})
     */
    static RuntimeException translate(Throwable t, String operation, List<ErrorMapper> mappers, HttpTypes http, boolean anonymous) {
        Throwable thrown = t;
        for (int depth = 0; depth < 4 && isA(thrown, "jakarta.ejb.EJBException"); depth++) {
            if (isA(thrown, "jakarta.ejb.EJBAccessException") || isA(thrown, "jakarta.ejb.AccessLocalException")) {
                return anonymous ? AccessCheck.unauthenticated() : AccessCheck.forbidden();
            }
            if (thrown.getCause() == null) {
                break;
            }
            thrown = thrown.getCause();
        }
        if (thrown instanceof MizanException m) {
            return m;
        }
        if (http.passesThrough(thrown) && thrown instanceof RuntimeException r) {
            return http.passedThrough(r);
        }
        for (ErrorMapper mapper : mappers) {
            try {
                Optional<MizanException> mapped = mapper.map(thrown);
                if (mapped != null && mapped.isPresent()) {
                    return mapped.get();
                }
            } catch (RuntimeException e) {
                t.addSuppressed(e);
            }
        }
        return internal(t, operation);
    }

    /** Whether {@code t} is an instance of the class so named (or of a subclass), which may not be there to import. */
    private static boolean isA(Throwable t, String className) {
        for (Class<?> c = t.getClass(); c != RuntimeException.class && c != null; c = c.getSuperclass()) {
            if (c.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    static InternalFailure internal(Throwable t, String operation) {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        LOG.log(System.Logger.Level.ERROR, "MZCDI01003: '" + operation + "' failed; reference " + id, t);
        return new InternalFailure(id);
    }
}
