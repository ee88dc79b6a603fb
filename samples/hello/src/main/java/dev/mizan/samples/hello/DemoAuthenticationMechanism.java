package dev.mizan.samples.hello;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The sample's login: programmatic (the {@code login} function calls {@code SecurityContext.authenticate}),
 * remembered in the HTTP session; also HTTP Basic and demo bearer tokens for scripts, which stay
 * stateless. Anything else stays anonymous, so public contexts need no login.
 *
 * <p>Only the programmatic login registers a session: a Basic or Bearer request that created one would
 * hand a session cookie to a response a shared cache may keep. Refused credentials answer a JSON
 * {@code 401} here, as Mizan's errors look, instead of the container's HTML error page.
 *
 * <p>The demo logins work only in development mode ({@code mizan.dev=true}, which the sample's own
 * configuration sets): a copy of this WAR started with {@code MIZAN_DEV=false} accepts none of them, and
 * every request stays anonymous. A real application verifies its users in an identity store of its own.
 */
@ApplicationScoped
@DeclareRoles({"user", "admin"}) // Payara maps the identity store's groups only to declared roles
public class DemoAuthenticationMechanism implements HttpAuthenticationMechanism {

    @Inject
    IdentityStoreHandler identityStore;

    @Inject
    @ConfigProperty(name = "mizan.dev", defaultValue = "false")
    boolean dev;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        if (!dev) {
            return context.doNothing();
        }
        Credential credential = context.getAuthParameters().getCredential();
        if (credential != null) {
            return login(context, identityStore.validate(credential));
        }
        Principal remembered = request.getUserPrincipal();
        if (remembered != null) {
            return DemoUsers.groups(remembered.getName())
                    .map(groups -> context.notifyContainerAboutLogin(remembered.getName(), groups))
                    .orElseGet(context::doNothing);
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] pair = decode(authorization.substring(6));
            CredentialValidationResult result = pair == null ? CredentialValidationResult.INVALID_RESULT
                    : identityStore.validate(new UsernamePasswordCredential(pair[0], pair[1]));
            return result.getStatus() == CredentialValidationResult.Status.VALID
                    ? context.notifyContainerAboutLogin(result)
                    : unauthorized(response);
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return DemoUsers.bearer(authorization.substring(7).trim())
                    .map(u -> context.notifyContainerAboutLogin(u.name(), u.groups()))
                    .orElseGet(() -> unauthorized(response));
        }
        return context.doNothing();
    }

    private static AuthenticationStatus login(HttpMessageContext context, CredentialValidationResult result) {
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return AuthenticationStatus.SEND_FAILURE; // the login function answers the client itself
        }
        context.setRegisterSession(result.getCallerPrincipal().getName(), result.getCallerGroups());
        return context.notifyContainerAboutLogin(result);
    }

    /**
     * A JSON 401 in Mizan's error shape. {@code SEND_CONTINUE} tells the container the mechanism wrote the
     * answer itself: {@code responseUnauthorized()} (SEND_FAILURE) would have it send its HTML error page.
     * Closing the stream completes the response, so WildFly does not try to send that page anyway (which
     * it would log as an error once the response is committed).
     */
    private static AuthenticationStatus unauthorized(HttpServletResponse response) {
        try {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Basic realm=\"hello\"");
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("application/json");
            response.getOutputStream().write(UNAUTHORIZED);
            response.getOutputStream().close(); // complete: no server turns it into its own error page
        } catch (IOException e) {
            // the client went away; nothing more to tell it
        }
        return AuthenticationStatus.SEND_CONTINUE;
    }

    private static final byte[] UNAUTHORIZED =
            "{\"error\":{\"code\":\"unauthenticated\",\"message\":\"Bad credentials\"}}".getBytes(StandardCharsets.UTF_8);

    private static String[] decode(String basic) {
        try {
            String text = new String(Base64.getDecoder().decode(basic.trim()), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            return colon < 0 ? null : new String[] {text.substring(0, colon), text.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
