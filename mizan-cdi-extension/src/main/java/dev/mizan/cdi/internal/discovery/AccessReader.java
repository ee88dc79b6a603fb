package dev.mizan.cdi.internal.discovery;

import dev.mizan.cdi.internal.model.Access;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.util.Set;

/** Resolves the role rule of a method: its own annotation wins over its class's (Jakarta Annotations §3.7–3.9). */
final class AccessReader {

    private AccessReader() {
    }

    static Access read(OperationSource method) {
        Access own = of(method.annotation(DenyAll.class), method.annotation(PermitAll.class),
                method.annotation(RolesAllowed.class));
        Access type = of(method.classAnnotation(DenyAll.class), method.classAnnotation(PermitAll.class),
                method.classAnnotation(RolesAllowed.class));
        return own != null ? own : (type != null ? type : Access.UNRESTRICTED);
    }

    private static Access of(DenyAll denyAll, PermitAll permitAll, RolesAllowed roles) {
        if (denyAll != null) {
            return new Access(Access.Kind.DENY_ALL, Set.of());
        }
        if (permitAll != null) {
            return new Access(Access.Kind.PERMIT_ALL, Set.of());
        }
        if (roles != null) {
            return new Access(Access.Kind.ROLES, Set.of(roles.value()));
        }
        return null;
    }
}
