package dev.mizan.cdi.weld.broken;

import dev.mizan.Invalidates;
import dev.mizan.MizanContext;
import dev.mizan.MizanFunction;
import dev.mizan.Param;
import dev.mizan.Scope;
import jakarta.enterprise.context.Dependent;

@Dependent
public class UnknownInvalidates {
    @MizanContext(value = "todos", scope = Scope.PUBLIC) public String todos() { return ""; } @MizanFunction @Invalidates("todo") public void add() { }
}
