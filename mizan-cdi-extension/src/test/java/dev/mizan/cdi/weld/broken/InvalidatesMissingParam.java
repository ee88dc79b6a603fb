package dev.mizan.cdi.weld.broken;

import dev.mizan.Invalidates;
import dev.mizan.MizanContext;
import dev.mizan.MizanFunction;
import dev.mizan.Param;
import dev.mizan.Scope;
import jakarta.enterprise.context.Dependent;

@Dependent
public class InvalidatesMissingParam {
    @MizanContext(value = "todos", scope = Scope.PUBLIC) public String todos(@Param("list") long list) { return ""; } @MizanFunction @Invalidates(value = "todos", params = "owner") public void add(@Param("owner") long owner) { }
}
