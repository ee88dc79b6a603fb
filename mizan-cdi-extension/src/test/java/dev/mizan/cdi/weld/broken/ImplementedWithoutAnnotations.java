package dev.mizan.cdi.weld.broken;

import dev.mizan.MizanContext;
import dev.mizan.Param;
import dev.mizan.Scope;
import jakarta.enterprise.context.ApplicationScoped;

/** Implements ItemsApi (through a sub-interface) without repeating its annotations: its context and purge would be lost. */
@ApplicationScoped
public class ImplementedWithoutAnnotations implements ItemsApi.Local {
    @MizanContext(value = "items", scope = Scope.PUBLIC) public String items(@Param("list") long list) { return "items"; }
    @Override public String listed(long list) { return "listed"; }
    @Override public String add(long list) { return "added"; }
}
