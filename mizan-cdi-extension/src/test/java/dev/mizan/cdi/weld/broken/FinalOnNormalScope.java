package dev.mizan.cdi.weld.broken;

import dev.mizan.MizanContext;
import dev.mizan.Scope;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class FinalOnNormalScope {
    @MizanContext(value = "fin", scope = Scope.PUBLIC) public final String fin() { return ""; }
}
