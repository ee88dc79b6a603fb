package dev.mizan.cdi.internal.schema;

import java.lang.reflect.Type;

/**
 * A Java type that has no JSON Schema under Mizan's JSON-B configuration. The extension turns it into
 * a definition error naming the method (docs/reference/annotations.md); the message names the type and says why.
 */
public final class UnmappableTypeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Type type;

    /**
     * @param type   the type that cannot be mapped
     * @param reason why, phrased to follow "type X cannot be mapped to JSON: "
     */
    public UnmappableTypeException(Type type, String reason) {
        super("Type " + type.getTypeName() + " cannot be mapped to JSON: " + reason);
        this.type = type;
    }

    /**
     * @param type  the outer type being mapped
     * @param cause the failure inside it (a property or an element)
     */
    UnmappableTypeException(Type type, String where, UnmappableTypeException cause) {
        super(cause.getMessage() + " (in " + where + " of " + type.getTypeName() + ")", cause);
        this.type = cause.type;
    }

    /** @return the innermost type that could not be mapped */
    public Type type() {
        return type;
    }
}
