package dev.mizan.cdi.weld.broken;

import dev.mizan.Invalidates;
import dev.mizan.MizanContext;
import dev.mizan.MizanFunction;
import dev.mizan.Param;
import dev.mizan.Scope;
import jakarta.enterprise.context.Dependent;

@Dependent
public class MapKeyParam {
    @MizanContext(value = "byId", scope = Scope.PUBLIC) public String byId(@Param("m") java.util.Map<Integer, String> m) { return ""; }
}
