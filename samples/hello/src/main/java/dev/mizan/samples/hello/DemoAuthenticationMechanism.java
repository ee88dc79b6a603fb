package dev.mizan.samples.hello;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AutoApplySession;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The sample's login: programmatic (the {@code login} function calls {@code SecurityContext.authenticate}),
 * remembered in the HTTP session; also HTTP Basic and demo bearer tokens for scripts. Anything else
 * stays anonymous, so public contexts need no login.
 */
@ApplicationScoped
@AutoApplySession
@DeclareRoles({"user", "admin"}) // Payara maps the identity store's groups only to declared roles
public class DemoAuthenticationMechanism implements HttpAuthenticationMechanism {

    @Inject
    IdentityStoreHandler identityStore;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        Credential credential = context.getAuthParameters().getCredential();
        if (context.isAuthenticationRequest() && credential != null) {
            return login(context, identityStore.validate(credential));
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] pair = decode(authorization.substring(6));
            CredentialValidationResult result = pair == null ? CredentialValidationResult.INVALID_RESULT
                    : identityStore.validate(new UsernamePasswordCredential(pair[0], pair[1]));
            return result.getStatus() == CredentialValidationResult.Status.VALID
                    ? context.notifyContainerAboutLogin(result)
                    : context.responseUnauthorized();
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return DemoUsers.bearer(authorization.substring(7).trim())
                    .map(u -> context.notifyContainerAboutLogin(u.name(), u.groups()))
                    .orElseGet(context::doNothing);
        }
        return context.doNothing();
    }

    private static AuthenticationStatus login(HttpMessageContext context, CredentialValidationResult result) {
        return result.getStatus() == CredentialValidationResult.Status.VALID
                ? context.notifyContainerAboutLogin(result)
                : AuthenticationStatus.SEND_FAILURE;
    }

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
