package dev.mizan.cdi.weld.broken;

import dev.mizan.MizanContext;
import dev.mizan.Scope;
import dev.mizan.SessionInit;
import jakarta.enterprise.context.Dependent;

@Dependent
public class SessionInitAlone {
    @SessionInit public String login() { return ""; }
    @MizanContext(value = "9bad", scope = Scope.PUBLIC) public String bad() { return ""; }
}
