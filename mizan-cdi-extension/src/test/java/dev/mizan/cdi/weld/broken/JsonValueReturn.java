package dev.mizan.cdi.weld.broken;

import dev.mizan.Invalidates;
import dev.mizan.MizanContext;
import dev.mizan.MizanFunction;
import dev.mizan.Param;
import dev.mizan.Scope;
import jakarta.enterprise.context.Dependent;

@Dependent
public class JsonValueReturn {
    @MizanContext(value = "raw", scope = Scope.PUBLIC) public jakarta.json.JsonValue raw() { return null; }
}
