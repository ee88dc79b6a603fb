package dev.mizan.cdi.weld.broken;

import dev.mizan.MizanContext;
import dev.mizan.MizanFunction;
import dev.mizan.Scope;

/** Not a bean itself: the operations its subclasses inherit or override. */
public class ReportBase {
    @MizanContext(value = "report", scope = Scope.USER) public String report() { return "base"; }
    @MizanFunction public String wipe() { return "base wipe"; }
}
