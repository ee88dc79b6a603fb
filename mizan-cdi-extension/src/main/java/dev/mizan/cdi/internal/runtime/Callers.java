package dev.mizan.cdi.internal.runtime;

import dev.mizan.cdi.internal.engine.Caller;
import dev.mizan.spi.UserResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;
import java.util.Optional;

/**
 * The one source of the caller, for HTTP reads and calls, in-process reads through {@code Contexts}
 * and SSR alike (docs/internals/read-and-call-paths.md): the {@link UserResolver}s in priority order,
 * the first that names a user wins, else the container's principal. Read live on every question, so
 * a login inside a {@code @SessionInit} function changes the answer within the same request.
 */
final class Callers {

    private final List<UserResolver> resolvers;

    Callers(List<UserResolver> resolvers) {
        this.resolvers = List.copyOf(resolvers);
    }

    Caller of(HttpServletRequest request) {
        return new Caller() {
            @Override
            public Optional<String> user() {
                return request == null ? Optional.empty() : userOf(request);
            }

            @Override
            public boolean isUserInRole(String role) {
                return request != null && request.isUserInRole(role);
            }

            /**
             * {@code HttpServletRequest.logout()}, then the session goes: a login after it starts an
             * empty one, so that the next user never gets the previous one's session state
             * ({@code @SessionScoped} beans included); {@code changeSessionId()} would keep it.
             */
            @Override
            public boolean signOut() {
                if (request != null) {
                    try {
                        request.logout();
                    } catch (jakarta.servlet.ServletException e) {
                        return false;
                    }
                    jakarta.servlet.http.HttpSession session = request.getSession(false);
                    if (session != null) {
                        try {
                            session.invalidate();
                        } catch (IllegalStateException alreadyInvalid) {
                            // logout() invalidated it already
                        }
                    }
                }
                return user().isEmpty();
            }
        };
    }

    private Optional<String> userOf(HttpServletRequest request) {
        for (UserResolver r : resolvers) {
            Optional<String> user = r.user(request);
            if (user != null && user.isPresent()) {
                return user;
            }
        }
        // the servlet principal, not Jakarta Security's SecurityContext: some runtimes (WildFly)
        // answer an "anonymous" principal there for anonymous callers
        return Optional.ofNullable(request.getUserPrincipal()).map(Principal::getName);
    }
}
