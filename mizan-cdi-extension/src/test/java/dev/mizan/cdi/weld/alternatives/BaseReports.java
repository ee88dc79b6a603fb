package dev.mizan.cdi.weld.alternatives;

import dev.mizan.MizanContext;
import dev.mizan.Scope;
import jakarta.enterprise.context.ApplicationScoped;

/** A bean that {@link SpecialReports} specializes. */
@ApplicationScoped
public class BaseReports {

    @MizanContext(value = "altReports", scope = Scope.PUBLIC)
    public String reports() {
        return "base";
    }
}
