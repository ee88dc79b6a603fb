package dev.mizan.cdi.weld.broken;

import dev.mizan.Invalidates;
import dev.mizan.MizanContext;
import dev.mizan.MizanFunction;
import dev.mizan.Param;
import dev.mizan.Scope;
import jakarta.enterprise.context.Dependent;

@Dependent
public class UserWithEdge {
    @MizanContext(value = "mine", scope = Scope.USER, edgeMaxAge = "PT1M") public String mine() { return ""; }
}
