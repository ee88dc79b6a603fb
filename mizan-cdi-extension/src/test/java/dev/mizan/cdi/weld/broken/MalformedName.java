package dev.mizan.cdi.weld.broken;

import dev.mizan.Invalidates;
import dev.mizan.MizanContext;
import dev.mizan.MizanFunction;
import dev.mizan.Param;
import dev.mizan.Scope;
import jakarta.enterprise.context.Dependent;

@Dependent
public class MalformedName {
    @MizanContext(value = "9lives", scope = Scope.PUBLIC) public String ctx() { return ""; }
}
