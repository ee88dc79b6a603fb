package dev.mizan.jaxrs.internal;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.UUID;

/**
 * Anything else: {@code 500 internal} with a random id; the stack goes to the log under that id,
 * never to the client (docs/reference/protocol.md).
 */
public class ThrowableMapper implements ExceptionMapper<Throwable> {

    private static final System.Logger LOG = System.getLogger(ThrowableMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        String id = UUID.randomUUID().toString();
        LOG.log(System.Logger.Level.ERROR, "MZRS00500: a Mizan request failed; reference " + id, e);
        return ErrorResponses.of(500, "internal", "Internal error; reference " + id, java.util.Map.of(), id);
    }
}
