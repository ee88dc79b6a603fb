package dev.mizan.cdi.weld.broken;

import dev.mizan.Invalidates;
import dev.mizan.MizanContext;
import dev.mizan.Scope;
import jakarta.enterprise.context.Dependent;

@Dependent
public class StaticInvalidates {
    @MizanContext(value = "todos", scope = Scope.PUBLIC) public String todos() { return ""; } @Invalidates("todos") static void add() { }
}
