package dev.mizan.cdi.weld.broken;

import dev.mizan.Invalidates;
import dev.mizan.MizanContext;
import dev.mizan.MizanFunction;
import dev.mizan.Param;
import dev.mizan.Scope;
import jakarta.enterprise.context.Dependent;

@Dependent
public class DuplicateName {
    @MizanContext(value = "same", scope = Scope.PUBLIC) public String a() { return ""; } @MizanFunction("same") public void b() { }
}
