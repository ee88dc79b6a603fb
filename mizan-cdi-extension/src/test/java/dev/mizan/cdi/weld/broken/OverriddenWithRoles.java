package dev.mizan.cdi.weld.broken;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;

/** Overrides Mizan methods with role annotations only: the roles of the method that runs would be lost. */
@ApplicationScoped
public class OverriddenWithRoles extends ReportBase {
    @Override @RolesAllowed("admin") public String report() { return "secret"; }
    @Override @RolesAllowed("admin") public String wipe() { return "wiped"; }
}
