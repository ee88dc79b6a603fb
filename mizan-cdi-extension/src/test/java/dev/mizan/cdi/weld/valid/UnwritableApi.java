package dev.mizan.cdi.weld.valid;

import dev.mizan.MizanContext;
import dev.mizan.MizanFunction;
import dev.mizan.Scope;
import jakarta.enterprise.context.ApplicationScoped;

/** Results JSON-B cannot write: their accessor throws, as a lazy-loading getter outside its session might. */
@ApplicationScoped
public class UnwritableApi {

    /** A result whose only property cannot be read. */
    public record Unwritable(String value) {
        @Override
        public String value() {
            throw new IllegalStateException("not loaded");
        }
    }

    @MizanContext(value = "unwritable", scope = Scope.PUBLIC)
    public Unwritable unwritable() {
        return new Unwritable("x");
    }

    @MizanFunction
    public Unwritable makeUnwritable() {
        return new Unwritable("x");
    }
}
