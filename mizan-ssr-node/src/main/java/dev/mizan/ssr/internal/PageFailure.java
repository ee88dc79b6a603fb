package dev.mizan.ssr.internal;

import dev.mizan.MizanException;

/**
 * A page that could not be produced through a fault of the application (props or a prefetch param
 * JSON-B cannot write, say), already logged with its stack under {@link #id()}; the client sees only
 * {@code 500 internal} and the id (docs/reference/errors.md).
 */
public final class PageFailure extends MizanException {

    private static final long serialVersionUID = 1L;
    private final String id;

    /** @param id the id logged with the stack */
    PageFailure(String id) {
        super(500, "internal", "Internal error; reference " + id);
        this.id = id;
    }

    /** @return the id logged with the stack */
    @Override
    public String id() {
        return id;
    }
}
