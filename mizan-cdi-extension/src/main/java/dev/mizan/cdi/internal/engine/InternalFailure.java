package dev.mizan.cdi.internal.engine;

import dev.mizan.MizanException;

/**
 * An unexpected failure, already logged with its stack under {@link #id()}; the client sees only
 * {@code 500 internal} and the id.
 */
public final class InternalFailure extends MizanException {

    private static final long serialVersionUID = 1L;
    private final String id;

    /** @param id the id logged with the stack */
    public InternalFailure(String id) {
        super(500, "internal", "Internal error; reference " + id);
        this.id = id;
    }

    /** @return the id logged with the stack */
    @Override
    public String id() {
        return id;
    }
}
