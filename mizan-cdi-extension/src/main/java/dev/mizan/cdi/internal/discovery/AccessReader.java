package dev.mizan.cdi.internal.discovery;

import dev.mizan.cdi.internal.model.Access;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.spi.Annotated;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import java.util.Set;

/** Resolves the role rule of a method: its own annotation wins over its class's (Jakarta Annotations §3.7–3.9). */
final class AccessReader {

    private AccessReader() {
    }

    static Access read(AnnotatedMethod<?> method) {
        Access own = of(method);
        return own != null ? own : (of(method.getDeclaringType()) != null ? of(method.getDeclaringType()) : Access.UNRESTRICTED);
    }

    private static Access of(Annotated a) {
        if (a.isAnnotationPresent(DenyAll.class)) {
            return new Access(Access.Kind.DENY_ALL, Set.of());
        }
        if (a.isAnnotationPresent(PermitAll.class)) {
            return new Access(Access.Kind.PERMIT_ALL, Set.of());
        }
        RolesAllowed roles = a.getAnnotation(RolesAllowed.class);
        if (roles != null) {
            return new Access(Access.Kind.ROLES, Set.of(roles.value()));
        }
        return null;
    }
}
