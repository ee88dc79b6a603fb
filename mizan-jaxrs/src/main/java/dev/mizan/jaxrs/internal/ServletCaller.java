package dev.mizan.jaxrs.internal;

import dev.mizan.cdi.internal.engine.Caller;
import dev.mizan.spi.UserResolver;
import jakarta.enterprise.inject.Instance;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Optional;

/**
 * The caller as the servlet request sees it, read live on every question: a login inside a
 * {@code @SessionInit} function changes the answer within the same request (DESIGN §6).
 */
final class ServletCaller implements Caller {

    private final HttpServletRequest request;
    private final Instance<UserResolver> resolvers;

    ServletCaller(HttpServletRequest request, Instance<UserResolver> resolvers) {
        this.request = request;
        this.resolvers = resolvers;
    }

    @Override
    public Optional<String> user() {
        if (resolvers.isResolvable()) {
            return resolvers.get().user(request);
        }
        return Optional.ofNullable(request.getUserPrincipal()).map(Principal::getName);
    }

    @Override
    public boolean isUserInRole(String role) {
        return request.isUserInRole(role);
    }

    /** {@code HttpServletRequest.logout()}: the container forgets the identity for this request and its session. */
    @Override
    public boolean signOut() {
        try {
            request.logout();
        } catch (jakarta.servlet.ServletException e) {
            return false;
        }
        return user().isEmpty();
    }
}
