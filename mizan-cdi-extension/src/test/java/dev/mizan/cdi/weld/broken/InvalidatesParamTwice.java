package dev.mizan.cdi.weld.broken;

import dev.mizan.Invalidates;
import dev.mizan.MizanContext;
import dev.mizan.MizanFunction;
import dev.mizan.Param;
import dev.mizan.Scope;
import jakarta.enterprise.context.Dependent;

@Dependent
public class InvalidatesParamTwice {
    @MizanContext(value = "todos", scope = Scope.PUBLIC) public String todos(@Param("list") long list) { return ""; }
    @MizanFunction @Invalidates(value = "todos", params = {"list", "list"}) public void add(@Param("list") long list) { }
}
