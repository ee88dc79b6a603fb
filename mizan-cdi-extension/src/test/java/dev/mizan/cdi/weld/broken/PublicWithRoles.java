package dev.mizan.cdi.weld.broken;

import dev.mizan.Invalidates;
import dev.mizan.MizanContext;
import dev.mizan.MizanFunction;
import dev.mizan.Param;
import dev.mizan.Scope;
import jakarta.enterprise.context.Dependent;

@Dependent
public class PublicWithRoles {
    @MizanContext(value = "open", scope = Scope.PUBLIC) @jakarta.annotation.security.RolesAllowed("admin") public String open() { return ""; }
}
