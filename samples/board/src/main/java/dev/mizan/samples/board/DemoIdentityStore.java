package dev.mizan.samples.board;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

/** Validates the demo users' passwords. */
@ApplicationScoped
public class DemoIdentityStore implements IdentityStore {

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        return DemoUsers.check(credential.getCaller(), credential.getPasswordAsString())
                .map(u -> new CredentialValidationResult(u.name(), u.groups()))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }
}
