package dev.mizan.cdi.internal.runtime;

import dev.mizan.MizanException;
import dev.mizan.cdi.internal.discovery.Names;
import dev.mizan.cdi.internal.registry.Registry;

/**
 * {@code 404} for a name the registry does not hold, suggesting the nearest one as deployment does
 * (docs/reference/errors.md), but only where {@code /schema} is served: elsewhere the names are not
 * public, and a caller could list them by guessing. Only short names are compared, so a long made-up
 * name costs nothing.
 */
final class UnknownNames {

    private static final int MAX_COMPARED = 64;

    private UnknownNames() {
    }

    /** @param suggest whether the names are public ({@code mizan.schema.enabled}) */
    static MizanException context(String name, Registry registry, boolean suggest) {
        return new MizanException(404, "unknown_context", "There is no context named '" + name + "'"
                + (suggest ? hint(name, registry.contexts().keySet()) : ""));
    }

    /** @param suggest whether the names are public ({@code mizan.schema.enabled}) */
    static MizanException function(String name, Registry registry, boolean suggest) {
        return new MizanException(404, "unknown_function", "There is no function named '" + name + "'"
                + (suggest ? hint(name, registry.functions().keySet()) : ""));
    }

    /** For the application's own code, which never shows the message to a client: always suggests. */
    static IllegalArgumentException contextArgument(String name, Registry registry) {
        return new IllegalArgumentException("MZCDI01011: there is no context named '" + name + "'"
                + hint(name, registry.contexts().keySet()));
    }

    private static String hint(String name, java.util.Collection<String> names) {
        if (name.length() > MAX_COMPARED) {
            return "";
        }
        String nearest = Names.nearest(name, names);
        return nearest == null ? "" : "; did you mean '" + nearest + "'?";
    }
}
