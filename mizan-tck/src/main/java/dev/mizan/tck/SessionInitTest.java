package dev.mizan.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Map;
import java.util.UUID;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.mizan.tck.fixtures.session.SessionStarterServlet;
import dev.mizan.tck.fixtures.shop.Shop;
import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.HttpTck;
import dev.mizan.tck.framework.MizanTck;
import dev.mizan.tck.framework.Reply;

/** docs/reference/annotations.md, docs/reference/protocol.md: @SessionInit login and logout through calls, with session and token rotation. */
@MizanTck
class SessionInitTest {

    private static final String ALICE = "{\"username\":\"alice\",\"password\":\"alice-pw\"}";

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("tck-session", Shop.CLASSES).addClass(SessionStarterServlet.class);
    }

    /** A client with a server session and a CSRF token, logged in as alice. */
    private HttpTck loggedIn() {
        HttpTck http = HttpTck.of(base);
        http.csrfToken();
        Reply login = http.call("login", ALICE);
        assertThat(login.status()).as("%s", login).isEqualTo(200);
        http.csrfToken(login.header("Mizan-CSRF-Token").orElseThrow());
        return http;
    }

    @Assertion(id = "session-login-rotates-token", strategy = "A @SessionInit login returns a new token in Mizan-CSRF-Token; the old token is then refused")
    void loginRotatesToken() {
        HttpTck http = HttpTck.of(base);
        String old = http.csrfToken();
        Reply login = http.call("login", ALICE);
        assertThat(login.status()).as("%s", login).isEqualTo(200);
        assertThat(login.json().getString("result")).isEqualTo("alice");
        String fresh = login.header("Mizan-CSRF-Token").orElseThrow(() -> new AssertionError("no Mizan-CSRF-Token: " + login));
        assertThat(fresh).isNotBlank().isNotEqualTo(old);
        Reply withOld = http.callRaw("whoami", "application/json", "{}", HttpTck.CSRF_HEADER, old);
        assertThat(withOld.status()).isEqualTo(403);
        assertThat(withOld.errorCode()).isEqualTo("csrf");
        // the old token as cookie and header: the pair matches, so only its binding to the session before the
        // login (none) can refuse it
        http.plantCookie("mizan-csrf", old);
        Reply oldPair = http.callRaw("whoami", "application/json", "{}", HttpTck.CSRF_HEADER, old);
        assertThat(oldPair.status()).as("%s", oldPair).isEqualTo(403);
        assertThat(oldPair.errorCode()).isEqualTo("csrf");
    }

    @Assertion(id = "session-login-rotates-id", strategy = "A login rotates the servlet session id (no session fixation)")
    void loginRotatesSessionId() {
        HttpTck http = HttpTck.of(base);
        assertThat(http.get("start-session?mark=r1").body()).isEqualTo("started");
        String before = http.cookie("JSESSIONID").orElseThrow(() -> new AssertionError("no JSESSIONID before login"));
        http.csrfToken();
        assertThat(http.call("login", ALICE).status()).isEqualTo(200);
        assertThat(http.cookie("JSESSIONID")).isPresent().isNotEqualTo(java.util.Optional.of(before));
    }

    @Assertion(id = "session-login-identity", strategy = "After login, calls and session with the new token see alice")
    void loginEstablishesIdentity() {
        HttpTck http = loggedIn();
        Reply who = http.call("whoami", "{}");
        assertThat(who.status()).as("%s", who).isEqualTo(200);
        assertThat(who.json().getString("result")).isEqualTo("alice");
        assertThat(http.mizan("session").json().getString("user")).isEqualTo("alice");
    }

    @Assertion(id = "session-login-user-context", strategy = "After login, a USER context read with the session cookie is alice's")
    void loginUserContext() {
        HttpTck http = loggedIn();
        assertThat(http.ctx("me").json().getString("user")).isEqualTo("alice");
    }

    @Assertion(id = "session-login-refused", strategy = "Wrong password: the function's MizanException (401 bad_credentials), no new token")
    void loginRefused() {
        HttpTck http = HttpTck.of(base);
        Reply r = http.call("login", "{\"username\":\"alice\",\"password\":\"nope\"}");
        assertThat(r.status()).as("%s", r).isEqualTo(401);
        assertThat(r.errorCode()).isEqualTo("bad_credentials");
        assertThat(r.header("Mizan-CSRF-Token")).isEmpty();
    }

    @Assertion(id = "session-logout", strategy = "A @SessionInit logout invalidates the session: the app's session data is gone and session reports user null")
    void logoutInvalidatesSession() {
        HttpTck http = HttpTck.of(base);
        assertThat(http.get("start-session?mark=m1").body()).isEqualTo("started");
        http.csrfToken();
        Reply login = http.call("login", ALICE);
        assertThat(login.status()).as("%s", login).isEqualTo(200);
        http.csrfToken(login.header("Mizan-CSRF-Token").orElseThrow());
        Reply logout = http.call("logout", "{}");
        assertThat(logout.status()).as("%s", logout).isEqualTo(200);
        assertThat(http.get("session-mark").body()).isEqualTo("none");
        assertThat(http.session().json().isNull("user")).isTrue();
    }

    @Assertion(id = "session-logout-purges-user", strategy = "A @SessionInit logout purges the user's entries: alice's"
            + " USER read, a hit before her logout, is a miss once she logs in again")
    void logoutPurgesTheUsersEntries() {
        Map<String, String> tag = Map.of("tag", "logout-" + UUID.randomUUID());
        HttpTck http = loggedIn();
        assertThat(http.ctx("me", tag).header("Mizan-Cache")).hasValue("miss");
        assertThat(http.ctx("me", tag).header("Mizan-Cache")).hasValue("hit");
        Reply logout = http.call("logout", "{}");
        assertThat(logout.status()).as("%s", logout).isEqualTo(200);
        Reply again = loggedIn().ctx("me", tag);
        assertThat(again.json().getString("user")).isEqualTo("alice");
        assertThat(again.header("Mizan-Cache")).as("alice's entry after her logout").hasValue("miss");
    }

    @Assertion(id = "session-logout-user-gone", strategy = "After logout, whoami (with a fresh token) answers null")
    void logoutForgetsUser() {
        HttpTck http = loggedIn();
        assertThat(http.call("logout", "{}").status()).isEqualTo(200);
        http.csrfToken(null);
        Reply who = http.call("whoami", "{}");
        assertThat(who.status()).as("%s", who).isEqualTo(200);
        assertThat(who.json().get("result")).as("result of %s", who).isIn(null, jakarta.json.JsonValue.NULL);
    }

    @Assertion(id = "session-relogin-rotates", strategy = "Logging in again as the same user over a live session still "
            + "rotates the session id and the CSRF token")
    void reloginRotates() {
        HttpTck http = loggedIn();
        String session = http.cookie("JSESSIONID").orElseThrow(() -> new AssertionError("no JSESSIONID after login"));
        Reply again = http.call("login", ALICE);
        assertThat(again.status()).as("%s", again).isEqualTo(200);
        assertThat(again.header("Mizan-CSRF-Token")).as("%s", again.headers()).isPresent();
        assertThat(http.cookie("JSESSIONID")).isPresent().isNotEqualTo(java.util.Optional.of(session));
    }

    @Assertion(id = "session-switch-user", strategy = "Holding alice's session, a login as bob ends as bob: calls, "
            + "/session and the session cookie are bob's, with a new token, and none of alice's session state")
    void loginOverALiveSessionSwitchesUser() {
        HttpTck http = loggedIn();
        assertThat(http.get("start-session?mark=alice-private").body()).isEqualTo("started");
        String session = http.cookie("JSESSIONID").orElseThrow();
        Reply bob = http.call("login", "{\"username\":\"bob\",\"password\":\"bob-pw\"}");
        assertThat(bob.status()).as("%s", bob).isEqualTo(200);
        http.csrfToken(bob.header("Mizan-CSRF-Token").orElseThrow(() -> new AssertionError("no new token: " + bob)));
        assertThat(http.call("whoami", "{}").json().getString("result")).isEqualTo("bob");
        assertThat(http.mizan("session").json().getString("user")).isEqualTo("bob");
        assertThat(http.cookie("JSESSIONID")).isPresent().isNotEqualTo(java.util.Optional.of(session));
        assertThat(http.get("session-mark").body()).as("bob never gets alice's session state").isEqualTo("none");
    }

    @Assertion(id = "session-init-starts-anonymous", strategy = "Holding alice's session, a @SessionInit function runs "
            + "anonymous and, when it establishes nobody, the caller ends anonymous (never still alice)")
    void sessionInitEndsWithTheIdentityItEstablished() {
        HttpTck http = loggedIn();
        Reply r = http.call("loginEstablishingNobody", "{}");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().get("result")).as("the caller inside the function: %s", r)
                .isIn(null, jakarta.json.JsonValue.NULL);
        assertThat(http.session().json().isNull("user")).as("alice is gone").isTrue();
        Reply who = http.call("whoami", "{}");
        assertThat(who.json().get("result")).as("%s", who).isIn(null, jakarta.json.JsonValue.NULL);
    }
}
