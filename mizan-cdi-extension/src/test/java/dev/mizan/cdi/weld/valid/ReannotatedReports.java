package dev.mizan.cdi.weld.valid;

import dev.mizan.MizanContext;
import dev.mizan.MizanFunction;
import dev.mizan.Scope;
import dev.mizan.cdi.weld.broken.ReportBase;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;

/** Overrides Mizan methods and repeats their annotations, with roles: the overrides are the operations. */
@ApplicationScoped
public class ReannotatedReports extends ReportBase {
    @Override @MizanContext(value = "report", scope = Scope.USER) @RolesAllowed("admin") public String report() { return "secret"; }
    @Override @MizanFunction @RolesAllowed("admin") public String wipe() { return "wiped"; }
}
