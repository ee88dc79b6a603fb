package dev.mizan.samples.hello;

import dev.mizan.HttpExchange;
import dev.mizan.Invalidates;
import dev.mizan.MizanContext;
import dev.mizan.MizanFunction;
import dev.mizan.Scope;
import dev.mizan.SessionInit;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/** The sample's contexts and functions. */
@ApplicationScoped
public class HelloApi {

    private static final List<String> LETTERS = "abcdefghijklmnopqrstuvwxyz".chars().mapToObj(Character::toString).toList();

    @Inject
    HelloStore store;
    @Inject
    SecurityContext security;
    @Inject
    HttpExchange http;

    /** Public, no params, edge-cacheable for 5 minutes. */
    @MizanContext(value = "greeting", scope = Scope.PUBLIC, edgeMaxAge = "PT5M", staleWhileRevalidate = "PT1M")
    @PermitAll
    public Greeting greeting() {
        return store.greeting();
    }

    /** Anyone may change the greeting; every cached copy of it goes stale. */
    @MizanFunction
    @PermitAll
    @Invalidates("greeting")
    public Greeting setGreeting(@NotBlank @Size(max = 80) String text, @Min(0) @Max(5) int exclamations) {
        Greeting g = new Greeting(text, exclamations, Instant.now());
        store.greeting(g);
        return g;
    }

    /** Letters of the alphabet, three a page: a paginated read (the client keeps the last page shown while the next loads). */
    @MizanContext(value = "letters", scope = Scope.PUBLIC)
    @PermitAll
    public List<String> letters(@Min(0) @Max(8) int page) {
        return LETTERS.subList(3 * page, Math.min(3 * page + 3, LETTERS.size()));
    }

    /** The caller's own notes: cached per user, never shared. */
    @MizanContext(value = "notes", scope = Scope.USER)
    @RolesAllowed("user")
    public List<Note> notes() {
        return store.notes(security.getCallerPrincipal().getName());
    }

    @MizanFunction
    @RolesAllowed("user")
    @Invalidates("notes")
    public Note addNote(@NotBlank @Size(max = 200) String text) {
        return store.addNote(security.getCallerPrincipal().getName(), text);
    }

    /** A function that answers with a file instead of JSON. */
    @MizanFunction
    @PermitAll
    public Response exportGreeting() {
        Greeting g = store.greeting();
        return Response.ok(g.text() + "!".repeat(g.exclamations()) + "\n", "text/plain")
                .header("Content-Disposition", "attachment; filename=\"greeting.txt\"").build();
    }

    /**
     * Logs in with a demo user (alice/alice-pw or bob/bob-pw); Mizan signs out whoever held the session
     * first, then rotates the session and CSRF token, so the caller ends as the user logged in here.
     */
    @MizanFunction
    @PermitAll
    @SessionInit
    public boolean login(@NotBlank String username, @NotBlank String password) {
        AuthenticationStatus status = security.authenticate(http.request(), http.response(),
                AuthenticationParameters.withParams().credential(new UsernamePasswordCredential(username, password))
                        .newAuthentication(true));
        return status == AuthenticationStatus.SUCCESS;
    }

    @MizanFunction
    @PermitAll
    @SessionInit
    public boolean logout() throws ServletException {
        http.request().logout();
        return true;
    }
}
