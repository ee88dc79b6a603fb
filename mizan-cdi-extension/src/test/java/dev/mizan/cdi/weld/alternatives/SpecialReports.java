package dev.mizan.cdi.weld.alternatives;

import dev.mizan.MizanContext;
import dev.mizan.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Specializes;

/** Specializes {@link BaseReports}: the base is no longer a bean, this one serves its operation. */
@Specializes
@ApplicationScoped
public class SpecialReports extends BaseReports {

    @Override
    @MizanContext(value = "altReports", scope = Scope.PUBLIC)
    public String reports() {
        return "special";
    }
}
