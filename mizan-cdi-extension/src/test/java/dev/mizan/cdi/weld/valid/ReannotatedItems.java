package dev.mizan.cdi.weld.valid;

import dev.mizan.Invalidates;
import dev.mizan.MizanContext;
import dev.mizan.MizanFunction;
import dev.mizan.Param;
import dev.mizan.Scope;
import dev.mizan.cdi.weld.broken.ItemsApi;
import jakarta.enterprise.context.ApplicationScoped;

/** Implements ItemsApi and repeats its annotations: the implementations are the operations. */
@ApplicationScoped
public class ReannotatedItems implements ItemsApi {
    @MizanContext(value = "items", scope = Scope.PUBLIC) public String items(@Param("list") long list) { return "items"; }
    @Override @MizanContext(value = "listed", scope = Scope.PUBLIC) public String listed(@Param("list") long list) { return "listed"; }
    @Override @MizanFunction @Invalidates(value = "items", params = "list") public String add(@Param("list") long list) { return "added"; }
}
