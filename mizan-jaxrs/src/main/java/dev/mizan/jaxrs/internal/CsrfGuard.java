package dev.mizan.jaxrs.internal;

import dev.mizan.cdi.internal.key.HmacSha256;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a call passes the signed double-submit check (docs/reference/protocol.md). A browser attacker can
 * make the victim's browser send cookies but can neither read the cookie nor set a custom header,
 * so a header equal to the cookie, signed by us for this session, proves a same-site script.
 */
final class CsrfGuard {

    private final CsrfTokens tokens;

    CsrfGuard(CsrfTokens tokens) {
        this.tokens = tokens;
    }

    /**
     * @param evidence what the request carries
     * @param keys     the MACs under the accepted CSRF subkeys
     * @return whether the call may run
     */
    boolean passes(CsrfEvidence evidence, List<HmacSha256> keys) {
        if (tokenAuthOnly(evidence)) {
            return true;
        }
        return CsrfTokens.sameToken(evidence.header(), evidence.cookie())
                && tokens.verify(evidence.cookie(), keys, evidence.sessionId());
    }

    /**
     * A bearer token that a browser does not attach by itself, and no ambient credential (session
     * or CSRF cookie) beside it: nothing a cross-site page could ride on. An {@code Authorization}
     * header next to cookies does not exempt, since the cookies may be what authenticates.
     */
    static boolean tokenAuthOnly(CsrfEvidence evidence) {
        String auth = evidence.authorization();
        boolean bearer = auth != null && auth.length() > 7
                && auth.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")
                && !auth.substring(7).isBlank();
        return bearer && !evidence.sessionCookie() && evidence.cookie() == null;
    }
}
