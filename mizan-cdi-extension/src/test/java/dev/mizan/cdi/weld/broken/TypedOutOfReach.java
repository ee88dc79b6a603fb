package dev.mizan.cdi.weld.broken;

import dev.mizan.MizanContext;
import dev.mizan.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

/** Its client proxy is a {@link Runnable}, which cannot run {@code typed()}. */
@ApplicationScoped
@Typed(Runnable.class)
public class TypedOutOfReach implements Runnable {
    @MizanContext(value = "typed", scope = Scope.PUBLIC) public String typed() { return ""; }
    @Override public void run() { }
}
