package dev.mizan.cdi.weld.spi;

import dev.mizan.MizanContext;
import dev.mizan.MizanFunction;
import dev.mizan.Scope;
import jakarta.enterprise.context.ApplicationScoped;

/** A function that throws what the test asks for, and a context that echoes the caller. */
@ApplicationScoped
public class FailingApi {

    /** Thrown by {@link #fail}: both mappers know it. */
    public static final class Shared extends RuntimeException {
        public Shared() {
            super("shared");
        }
    }

    /** Thrown by {@link #failOnlyLow}: only the low-priority mapper knows it. */
    public static final class LowOnly extends RuntimeException {
        public LowOnly() {
            super("low only");
        }
    }

    @MizanFunction
    public void fail() {
        throw new Shared();
    }

    @MizanFunction
    public void failOnlyLow() {
        throw new LowOnly();
    }

    @MizanContext(value = "ping", scope = Scope.PUBLIC)
    public String ping() {
        return "pong";
    }
}
